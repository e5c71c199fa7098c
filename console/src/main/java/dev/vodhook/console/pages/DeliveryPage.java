package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Query;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.inbox.ReplayResult;
import dev.vodhook.store.outbox.AttemptRecord;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.store.outbox.Notification;
import dev.vodhook.store.outbox.Outbox;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /deliveries/{id}}: one delivery of a notification to an endpoint: the notification as sent (its body
 * pretty-printed, as text), and the delivery's state with every attempt (kept up to date);
 * {@code /deliveries/{id}/replay} asks, then sends it again ({@link Outbox#replay}, as {@code POST
 * /api/deliveries/{id}/replay} does).
 */
public final class DeliveryPage {
    private static final Logger log = LoggerFactory.getLogger(DeliveryPage.class);
    static final int POLL_SECONDS = 2;

    /** The page. */
    public record View(Page page, DeliveryView delivery, Notification notification, String body, Live state,
            Optional<String> notice) {}

    /** The delivery's state and attempts, the part of the page that changes. */
    public record State(DeliveryView delivery, List<AttemptRecord> attempts, Instant now, boolean canAct) {
        /** DEAD, or DELIVERED (the application asked for it again): what a replay takes. */
        public boolean replayable() {
            return canAct && delivery.status().finished();
        }
    }

    /** The replay confirmation. */
    public record Confirm(Page page, DeliveryView delivery) {}

    private final Outbox outbox;
    private final Templates templates;
    private final Clock clock;
    private final Runnable onReplay;

    public DeliveryPage(Outbox outbox, Templates templates, Clock clock, Runnable onReplay) {
        this.outbox = outbox;
        this.templates = templates;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** {@code GET /deliveries/{id}}. */
    public void show(Context ctx) {
        DeliveryView d = delivery(ctx);
        Notification n = outbox.log().notification(d.notificationId()).orElseThrow(() -> PageError.notFound(
                "delivery " + d.id() + "'s notification is gone"));
        templates.answer(ctx, "delivery.jte", new View(new Page("Delivery " + d.id(), "deliveries",
                ConsoleAccess.viewer(ctx)), d, n, EventPage.pretty(n.body()), state(ctx, d), Notices.of(ctx)));
    }

    /** {@code GET /deliveries/{id}/state}: the poll of its state and attempts. */
    public void state(Context ctx) {
        state(ctx, delivery(ctx)).answer(ctx, templates);
    }

    /** {@code GET /deliveries/{id}/replay}: are you sure? */
    public void confirmReplay(Context ctx) {
        DeliveryView d = delivery(ctx);
        templates.answer(ctx, "delivery-replay.jte", new Confirm(new Page("Replay delivery " + d.id(), "deliveries",
                ConsoleAccess.viewer(ctx)), d));
    }

    /** {@code POST /deliveries/{id}/replay}. */
    public void replay(Context ctx) {
        long id = id(ctx);
        ReplayResult result = outbox.replay(id, clock.instant());
        switch (result) {
            case REPLAYED -> {
                log.info("Delivery {} replayed from the console by {}; it is sent again now", id, ctx.ip());
                onReplay.run();
                ctx.redirect("/deliveries/" + id + "?done=delivery-replayed", HttpStatus.SEE_OTHER);
            }
            case IN_PROGRESS -> ctx.redirect("/deliveries/" + id + "?done=delivery-busy", HttpStatus.SEE_OTHER);
            case NOT_FOUND -> throw PageError.notFound("no delivery with id " + id);
        }
    }

    private Live state(Context ctx, DeliveryView d) {
        String html = templates.render("delivery-state.jte", new State(d, outbox.log().attempts(d.id()),
                clock.instant(), ConsoleAccess.viewer(ctx).canAct()));
        return Live.of("delivery-state", "/deliveries/" + d.id() + "/state", Query.empty(), POLL_SECONDS, html);
    }

    private DeliveryView delivery(Context ctx) {
        long id = id(ctx);
        return outbox.log().find(id).orElseThrow(() -> PageError.notFound("no delivery with id " + id));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw PageError.notFound("no delivery with id " + ctx.pathParam("id"));
        }
    }
}
