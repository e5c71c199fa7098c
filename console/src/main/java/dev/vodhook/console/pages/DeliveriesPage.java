package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Formats;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.Query;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.store.outbox.EndpointBacklog;
import dev.vodhook.store.outbox.EndpointView;
import dev.vodhook.store.outbox.NotificationType;
import dev.vodhook.store.outbox.OutboxLog;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /deliveries}: vodhook's notifications to the application, as the outbox has them: each endpoint (its types,
 * whether a 410 disabled it, its deliveries by status, how long the oldest still to go has waited), then the
 * deliveries newest first, {@link #PAGE_SIZE} at a time (keyset: {@code before} the last id shown), filtered by the
 * URL ({@link DeliveryQuery}). The endpoints and the first page keep themselves up to date.
 */
public final class DeliveriesPage {
    static final int PAGE_SIZE = 50;
    static final int POLL_SECONDS = 3;

    /** The page. */
    public record View(Page page, DeliveryQuery query, Live endpoints, Live rows, Optional<String> olderUrl,
            boolean paged, Optional<String> notice, List<String> endpointUrls) {

        public String newestUrl() {
            return "/deliveries" + query.query();
        }

        public List<DeliveryStatus> statuses() {
            return List.of(DeliveryStatus.values());
        }
    }

    /** The endpoints region. */
    public record Endpoints(List<EndpointRow> endpoints, boolean canAct, String csrf) {}

    /** One endpoint, how far its deliveries got, by {@code now}. */
    public record EndpointRow(EndpointView endpoint, EndpointBacklog backlog, Instant now) {

        public String types() {
            return endpoint.spec().types().isEmpty() ? "every type" : String.join(", ",
                    endpoint.spec().types().stream().map(NotificationType::wireName).sorted().toList());
        }

        public String lag() {
            return backlog.lag(now).map(Formats::span).orElse("");
        }

        public String listUrl(DeliveryStatus status) {
            return "/deliveries" + Query.empty().with("endpoint", endpoint.url()).with("status", status.name());
        }
    }

    /** The listing's rows. */
    public record Rows(List<DeliveryView> deliveries, Instant now, boolean filtered) {}

    private final OutboxLog log;
    private final Templates templates;
    private final Clock clock;

    public DeliveriesPage(OutboxLog log, Templates templates, Clock clock) {
        this.log = log;
        this.templates = templates;
        this.clock = clock;
    }

    /** {@code GET /deliveries}. */
    public void list(Context ctx) {
        DeliveryQuery query = DeliveryQuery.of(ctx);
        List<DeliveryView> deliveries = log.list(query.filter(), PAGE_SIZE);
        boolean paged = query.filter().beforeId().isPresent();
        Optional<String> older = deliveries.size() == PAGE_SIZE
                ? Optional.of("/deliveries" + query.query().with("before", String.valueOf(deliveries.getLast().id())))
                : Optional.empty();
        List<EndpointView> endpoints = log.endpoints();
        Page page = new Page("Deliveries", "deliveries", ConsoleAccess.viewer(ctx));
        templates.answer(ctx, "deliveries.jte", new View(page, query, endpoints(ctx, endpoints),
                rows(query, deliveries, paged ? 0 : POLL_SECONDS), older, paged, Notices.of(ctx),
                endpoints.stream().map(EndpointView::url).toList()));
    }

    /** {@code GET /deliveries/rows}: the first page's rows, for its poll. */
    public void rows(Context ctx) {
        DeliveryQuery query = DeliveryQuery.of(ctx);
        rows(query, log.list(query.filter(), PAGE_SIZE), POLL_SECONDS).answer(ctx, templates);
    }

    /** {@code GET /deliveries/endpoints}: the endpoints region, for its poll. */
    public void endpointsRegion(Context ctx) {
        endpoints(ctx, log.endpoints()).answer(ctx, templates);
    }

    private Live endpoints(Context ctx, List<EndpointView> endpoints) {
        Map<Long, EndpointBacklog> backlogs = log.backlogs();
        Instant now = clock.instant();
        List<EndpointRow> rows = endpoints.stream().map(e -> new EndpointRow(e, backlogs.getOrDefault(e.id(),
                new EndpointBacklog(e.id(), Map.of(), Optional.empty())), now)).toList();
        var viewer = ConsoleAccess.viewer(ctx);
        String html = templates.render("delivery-endpoints.jte", new Endpoints(rows, viewer.canAct(), viewer.csrf()));
        return Live.of("delivery-endpoints", "/deliveries/endpoints", Query.empty(), POLL_SECONDS, html);
    }

    private Live rows(DeliveryQuery query, List<DeliveryView> deliveries, int seconds) {
        String html = templates.render("delivery-rows.jte", new Rows(deliveries, clock.instant(),
                !query.query().isEmpty()));
        return Live.of("delivery-rows", "/deliveries/rows", query.query(), seconds, html);
    }
}
