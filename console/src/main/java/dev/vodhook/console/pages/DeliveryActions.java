package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.Outbox;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does to an endpoint's deliveries: replay every DEAD one of notifications written in a time range
 * (first a preview saying how many, {@code GET /deliveries/replay}, then {@code POST}; {@link Outbox#replayDead}, as
 * {@code POST /api/deliveries/replay} does), and enable an endpoint a 410 disabled ({@code POST
 * /deliveries/endpoints/enable}; {@link Outbox#enable}, as {@code POST /api/notify/endpoints/enable} does).
 */
public final class DeliveryActions {
    private static final Logger log = LoggerFactory.getLogger(DeliveryActions.class);

    /** The bulk replay's preview. */
    public record Preview(Page page, DeliveryQuery query, long count) {
        public String endpoint() {
            return query.query().get("endpoint");
        }

        public String cancelUrl() {
            return "/deliveries" + query.query().with("status", DeliveryStatus.DEAD.name());
        }
    }

    private final Outbox outbox;
    private final Templates templates;
    private final Clock clock;
    private final Runnable onReplay;

    public DeliveryActions(Outbox outbox, Templates templates, Clock clock, Runnable onReplay) {
        this.outbox = outbox;
        this.templates = templates;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** {@code GET /deliveries/replay?endpoint=&from=&to=}. */
    public void previewReplay(Context ctx) {
        DeliveryQuery query = oneEndpoint(DeliveryQuery.replayOf(ctx));
        long count = outbox.log().count(query.filter().withStatus(DeliveryStatus.DEAD));
        templates.answer(ctx, "delivery-bulk.jte", new Preview(new Page("Replay DEAD deliveries", "deliveries",
                ConsoleAccess.viewer(ctx)), query, count));
    }

    /** {@code POST /deliveries/replay} with the preview's endpoint, from and to. */
    public void replay(Context ctx) {
        DeliveryQuery query = oneEndpoint(DeliveryQuery.replayOfForm(ctx));
        int replayed = outbox.replayDead(query.filter(), clock.instant());
        log.info("{} DEAD deliveries to {} replayed from the console by {} ({}); they are sent again now, in order per"
                + " media", replayed, query.query().get("endpoint"), ctx.ip(), query.describeRange());
        if (replayed > 0) {
            onReplay.run();
        }
        ctx.redirect("/deliveries" + query.query().with("status", DeliveryStatus.DEAD.name())
                .with("done", "deliveries-replayed").with("count", String.valueOf(replayed)), HttpStatus.SEE_OTHER);
    }

    /** {@code POST /deliveries/endpoints/enable} with {@code url}. */
    public void enable(Context ctx) {
        String url = ctx.formParam("url");
        if (url == null || url.isBlank()) {
            throw PageError.badRequest("which endpoint? the form names it in url");
        }
        if (!outbox.enable(url.strip())) {
            ctx.redirect("/deliveries?done=endpoint-not-disabled", HttpStatus.SEE_OTHER);
            return;
        }
        log.warn("Endpoint {} enabled again from the console by {}; its queued notifications go now", url, ctx.ip());
        onReplay.run();
        ctx.redirect("/deliveries?done=endpoint-enabled", HttpStatus.SEE_OTHER);
    }

    private static DeliveryQuery oneEndpoint(DeliveryQuery query) {
        if (query.filter().endpointUrl().isEmpty()) {
            throw PageError.badRequest("a bulk replay takes one endpoint's DEAD deliveries: name it in endpoint");
        }
        return query;
    }
}
