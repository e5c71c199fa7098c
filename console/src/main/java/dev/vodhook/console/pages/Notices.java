package dev.vodhook.console.pages;

import io.javalin.http.Context;
import java.util.Optional;

/**
 * What a page says after an action sent the browser to it (post, redirect, get): named by the {@code done} and
 * {@code count} parameters, never a text taken from the URL.
 */
final class Notices {
    private Notices() {}

    static Optional<String> of(Context ctx) {
        String done = ctx.queryParam("done");
        long count = count(ctx.queryParam("count"));
        if (done == null) {
            return Optional.empty();
        }
        return switch (done) {
            case "replayed" -> Optional.of(count == 1 ? "1 event replayed: it will be handled again now."
                    : count + " events replayed: they will be handled again now.");
            case "purged" -> Optional.of(count == 1 ? "1 event purged." : count + " events purged.");
            case "replayed-one" -> Optional.of("Replayed: the event is PENDING with a fresh attempt budget and will be"
                    + " handled again now.");
            case "busy" -> Optional.of("The event is being handled right now; try again when it is finished.");
            case "delivery-replayed" -> Optional.of("Replayed: the delivery is PENDING with a fresh attempt budget and"
                    + " is sent again now.");
            case "delivery-busy" -> Optional.of("The delivery is queued or being sent; only a DEAD or DELIVERED one is"
                    + " replayed.");
            case "deliveries-replayed" -> Optional.of(count == 1 ? "1 DEAD delivery replayed: it is sent again now."
                    : count + " DEAD deliveries replayed: they are sent again now, in order per media.");
            case "endpoint-enabled" -> Optional.of("Endpoint enabled: its queued notifications go now.");
            case "endpoint-not-disabled" -> Optional.of("That endpoint was not disabled: nothing changed.");
            default -> Optional.empty();
        };
    }

    private static long count(String text) {
        try {
            return text == null ? 0 : Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
