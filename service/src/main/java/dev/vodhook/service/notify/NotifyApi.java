package dev.vodhook.service.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vodhook.service.http.HttpProblem;
import dev.vodhook.store.outbox.Outbox;
import dev.vodhook.store.inbox.ReplayResult;
import dev.vodhook.store.outbox.AttemptRecord;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.store.outbox.EndpointView;
import dev.vodhook.store.outbox.Notification;
import dev.vodhook.store.outbox.NotificationType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's side of notifications: deliveries and their attempts, replaying one or an endpoint's DEAD ones in
 * a time range, what was sent where for a media, the endpoints and enabling one a 410 disabled.
 */
public final class NotifyApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(NotifyApi.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final Outbox outbox;
    private final Clock clock;
    private final Runnable onReplay;

    public NotifyApi(Outbox outbox, Clock clock, Runnable onReplay) {
        this.outbox = outbox;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    record Delivery(long id, String endpoint, String notificationId, String type, String fileId, long sequence,
            String status, int attempts, String nextAttemptAt, Integer lastStatus, String lastError, String createdAt,
            String finishedAt) {}

    record Attempt(int attempt, String owner, String startedAt, long latencyMs, Integer status, String outcome,
            String response, String retryAfter) {}

    record DeliveryDetail(Delivery delivery, List<Attempt> attempts, JsonNode notification) {}

    record DeliveryList(List<Delivery> deliveries, Long nextBefore) {}

    record Sent(String id, String type, long sequence, String timestamp, List<Delivery> deliveries) {}

    record Endpoint(String url, List<String> types, String registeredAt, boolean active, String disabledAt,
            String disabledReason, String retiredAt) {}

    /** A bulk replay's body: the endpoint (required) and the notifications' time range. */
    record ReplayFilter(String endpoint, String since, String until) {}

    /** {@code GET /api/deliveries?endpoint=&status=&fileId=&since=&until=&before=&limit=}: newest first. */
    public void deliveries(Context ctx) {
        DeliveryFilter filter = range(DeliveryFilter.all(), ctx.queryParam("since"), ctx.queryParam("until"));
        Optional<String> endpoint = param(ctx, "endpoint");
        if (endpoint.isPresent()) {
            filter = filter.withEndpointUrl(endpoint.get());
        }
        Optional<String> status = param(ctx, "status");
        if (status.isPresent()) {
            filter = filter.withStatus(status(status.get()));
        }
        Optional<String> fileId = param(ctx, "fileId");
        if (fileId.isPresent()) {
            filter = filter.withFileId(fileId.get());
        }
        Optional<String> before = param(ctx, "before");
        if (before.isPresent()) {
            filter = filter.withBeforeId(number("before", before.get()));
        }
        int limit = param(ctx, "limit").map(v -> (int) number("limit", v)).orElse(DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpProblem.badRequest("limit must be 1 to " + MAX_LIMIT + ", got " + limit);
        }
        List<DeliveryView> found = outbox.log().list(filter, limit);
        ctx.json(new DeliveryList(found.stream().map(NotifyApi::delivery).toList(),
                found.size() == limit ? found.getLast().id() : null));
    }

    /** {@code GET /api/deliveries/{id}}: the delivery, every attempt, and the notification as sent. */
    public void delivery(Context ctx) {
        long id = number("id", ctx.pathParam("id"));
        DeliveryView d = outbox.log().find(id).orElseThrow(() -> HttpProblem.notFound("no delivery with id " + id));
        Notification n = outbox.log().notifications(d.fileId()).stream().filter(x -> x.id() == d.notificationId())
                .findFirst().orElseThrow();
        ctx.json(new DeliveryDetail(delivery(d), outbox.log().attempts(id).stream().map(NotifyApi::attempt).toList(),
                json(n.body())));
    }

    /** {@code POST /api/deliveries/{id}/replay}: sent again now, with a fresh attempt budget. */
    public void replay(Context ctx) {
        long id = number("id", ctx.pathParam("id"));
        ReplayResult result = outbox.replay(id, clock.instant());
        switch (result) {
            case REPLAYED -> {
                log.info("Delivery {} replayed by an operator from {}; it is sent again now", id, ctx.ip());
                onReplay.run();
                ctx.json(Map.of("id", id, "result", result.name()));
            }
            case NOT_FOUND -> throw HttpProblem.notFound("no delivery with id " + id);
            case IN_PROGRESS -> throw HttpProblem.conflict("delivery " + id + " is queued or being sent; only a"
                    + " DEAD or DELIVERED one is replayed");
        }
    }

    /**
     * {@code POST /api/deliveries/replay} with {@code {"endpoint": URL, "since": ISO, "until": ISO}}: every DEAD
     * delivery to that endpoint of a notification written in the range, in order per media; answers how many.
     */
    public void replayDead(Context ctx) {
        ReplayFilter body;
        try {
            body = ctx.body().isBlank() ? new ReplayFilter(null, null, null)
                    : JSON.readValue(ctx.body(), ReplayFilter.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.badRequest("the body must be {\"endpoint\": URL, \"since\": ISO, \"until\": ISO}: "
                    + e.getOriginalMessage());
        }
        if (body.endpoint() == null || body.endpoint().isBlank()) {
            throw HttpProblem.badRequest("a bulk replay names its endpoint: {\"endpoint\": \"https://...\"}");
        }
        DeliveryFilter filter = range(DeliveryFilter.all().withEndpointUrl(body.endpoint().strip()), body.since(),
                body.until());
        int replayed = outbox.replayDead(filter, clock.instant());
        log.info("{} DEAD deliveries to {} replayed by an operator from {} (since {}, until {}); they are sent again"
                + " now, in order per media", replayed, body.endpoint(), ctx.ip(), body.since(), body.until());
        if (replayed > 0) {
            onReplay.run();
        }
        ctx.json(Map.of("replayed", replayed));
    }

    /** {@code GET /api/media/{fileId}/notifications}: what was sent about a media, and where it went. */
    public void mediaNotifications(Context ctx) {
        String fileId = ctx.pathParam("fileId");
        List<DeliveryView> deliveries = outbox.log().list(DeliveryFilter.all().withFileId(fileId), MAX_LIMIT);
        ctx.json(outbox.log().notifications(fileId).stream().map(n -> new Sent(n.eventId(), n.type().wireName(),
                n.sequence(), n.createdAt().toString(), deliveries.stream().filter(d -> d.notificationId() == n.id())
                        .map(NotifyApi::delivery).toList())).toList());
    }

    /** {@code GET /api/notify/endpoints}. */
    public void endpoints(Context ctx) {
        ctx.json(outbox.log().endpoints().stream().map(NotifyApi::endpoint).toList());
    }

    /** {@code POST /api/notify/endpoints/enable} with {@code {"url": URL}}: an endpoint a 410 disabled takes again. */
    public void enable(Context ctx) {
        String url = Optional.ofNullable(json(ctx.body()).path("url").asText(null)).filter(u -> !u.isBlank())
                .orElseThrow(() -> HttpProblem.badRequest("name the endpoint: {\"url\": \"https://...\"}"));
        if (!outbox.enable(url)) {
            throw HttpProblem.conflict("endpoint " + url + " is not disabled (or not known)");
        }
        log.warn("Endpoint {} enabled again by an operator from {}; its queued notifications go now", url, ctx.ip());
        onReplay.run();
        ctx.json(Map.of("url", url, "result", "ENABLED"));
    }

    static Delivery delivery(DeliveryView d) {
        return new Delivery(d.id(), d.endpointUrl(), d.eventId(), d.type().wireName(), d.fileId(), d.sequence(),
                d.status().name(), d.attempts(), d.nextAttemptAt().toString(),
                d.lastStatus().isPresent() ? d.lastStatus().getAsInt() : null, d.lastError().orElse(null),
                d.createdAt().toString(), d.finishedAt().map(Instant::toString).orElse(null));
    }

    static Attempt attempt(AttemptRecord a) {
        return new Attempt(a.attempt(), a.owner(), a.startedAt().toString(), a.latency().toMillis(),
                a.statusCode().isPresent() ? a.statusCode().getAsInt() : null, a.outcome().name(), a.response(),
                a.retryAfter().orElse(null));
    }

    static Endpoint endpoint(EndpointView e) {
        return new Endpoint(e.url(), e.spec().types().stream().map(NotificationType::wireName).sorted().toList(),
                e.registeredAt().toString(), e.active(), e.disabledAt().map(Instant::toString).orElse(null),
                e.disabledReason().orElse(null), e.retiredAt().map(Instant::toString).orElse(null));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body.isBlank() ? "{}" : body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static DeliveryFilter range(DeliveryFilter filter, String since, String until) {
        if (since != null && !since.isBlank()) {
            filter = filter.withCreatedFrom(instant("since", since));
        }
        if (until != null && !until.isBlank()) {
            filter = filter.withCreatedBefore(instant("until", until));
        }
        return filter;
    }

    private static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(name + " must be an ISO-8601 time like 2026-03-01T08:00:00Z, got " + value);
        }
    }

    private static DeliveryStatus status(String value) {
        try {
            return DeliveryStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("status must be one of " + List.of(DeliveryStatus.values()) + ", got " + value);
        }
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number, got " + value);
        }
    }
}
