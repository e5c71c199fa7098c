package dev.vodhook.service;

import dev.vodhook.store.Database;
import dev.vodhook.store.EventFilter;
import dev.vodhook.store.EventStatus;
import dev.vodhook.store.EventSummary;
import dev.vodhook.store.ReplayResult;
import dev.vodhook.store.StoreException;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read side and the operator's actions: media, events, replay, health, metrics. */
final class OperatorApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(OperatorApi.class);

    private final Database database;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Runnable onReplay;

    OperatorApi(Database database, ServiceMetrics metrics, Clock clock, Runnable onReplay) {
        this.database = database;
        this.metrics = metrics;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** {@code GET /api/media/{fileId}}. */
    void media(Context ctx) {
        String fileId = ctx.pathParam("fileId");
        ctx.json(database.media().findMedia(fileId).map(ApiJson::media)
                .orElseThrow(() -> HttpProblem.notFound("no media with FileId " + fileId)));
    }

    /** {@code GET /api/events?status=&type=&before=&limit=}: newest first; {@code nextBefore} pages on. */
    void events(Context ctx) {
        EventFilter filter = EventFilter.all();
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            filter = filter.withStatus(status(status));
        }
        String type = ctx.queryParam("type");
        if (type != null && !type.isBlank()) {
            filter = filter.withEventType(type);
        }
        String before = ctx.queryParam("before");
        if (before != null && !before.isBlank()) {
            filter = filter.withBeforeId(number("before", before));
        }
        int limit = limit(ctx.queryParam("limit"));
        List<EventSummary> events = database.inbox().list(filter, limit);
        Long nextBefore = events.size() == limit ? events.getLast().id() : null;
        ctx.json(new ApiJson.EventList(events.stream().map(ApiJson::summary).toList(), nextBefore));
    }

    /** {@code GET /api/events/{id}}: the event in full, raw body included. */
    void event(Context ctx) {
        long id = number("id", ctx.pathParam("id"));
        ctx.json(database.inbox().find(id).map(ApiJson::event)
                .orElseThrow(() -> HttpProblem.notFound("no event with id " + id)));
    }

    /** {@code POST /api/events/{id}/replay}: back to PENDING, due now, with a fresh attempt budget. */
    void replay(Context ctx) {
        long id = number("id", ctx.pathParam("id"));
        ReplayResult result = database.inbox().replay(id, clock.instant());
        switch (result) {
            case REPLAYED -> {
                log.info("Event {} replayed by an operator from {}; it will be handled again now", id, ctx.ip());
                onReplay.run();
                ctx.json(new ApiJson.Replay(id, result.name()));
            }
            case NOT_FOUND -> throw HttpProblem.notFound("no event with id " + id);
            case IN_PROGRESS -> throw HttpProblem.conflict("event " + id + " is being handled right now; try again"
                    + " when it is finished");
        }
    }

    /** {@code GET /healthz}: 200 when the database answers, 503 when it does not. */
    void health(Context ctx) {
        try {
            database.ping();
            ctx.json(Map.of("status", "UP"));
        } catch (StoreException e) {
            log.warn("Health check failed: {}", e.getMessage());
            ctx.status(503).json(Map.of("status", "DOWN", "reason", "database: " + e.getMessage()));
        }
    }

    /** {@code GET /metrics}: Prometheus text format. */
    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape(database.inbox().countByStatus()));
    }

    private static EventStatus status(String value) {
        try {
            return EventStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest("status must be one of " + List.of(EventStatus.values()) + ", got " + value);
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        long limit = number("limit", value);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpProblem.badRequest("limit must be 1 to " + MAX_LIMIT + ", got " + value);
        }
        return (int) limit;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number, got " + value);
        }
    }
}
