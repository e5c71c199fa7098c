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
