package dev.vodhook.service;

import dev.vodhook.store.Database;
import dev.vodhook.store.EventFilter;
import dev.vodhook.store.EventStatus;
import dev.vodhook.store.EventSummary;
import dev.vodhook.store.ReplayResult;
import dev.vodhook.store.StoreException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
    private static final ObjectMapper FILTER_READER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

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

    /**
     * {@code GET /api/events?status=&type=&since=&until=&before=&limit=}: newest first;
     * {@code nextBefore} pages on. {@code since}/{@code until} are ISO-8601 instants on the time received.
     */
    void events(Context ctx) {
        EventFilter filter = timeRange(EventFilter.all(), ctx.queryParam("since"), ctx.queryParam("until"));
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

    /**
     * {@code POST /api/events/replay} with an optional JSON filter {@code {"status", "type", "since",
     * "until"}}: replays every matching event (status DEAD unless named; DONE re-runs handlers,
     * which are idempotent) and answers how many.
     */
    void replayMatching(Context ctx) {
        BulkFilter body = bulkFilter(ctx);
        EventFilter filter = body.filter(EventStatus.DEAD);
        int replayed;
        try {
            replayed = database.inbox().replayAll(filter, clock.instant());
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        log.info("{} {} event(s) replayed by an operator from {} ({}); they will be handled again now", replayed,
                filter.status().orElseThrow(), ctx.ip(), body);
        if (replayed > 0) {
            onReplay.run();
        }
        ctx.json(Map.of("replayed", replayed));
    }

    /**
     * {@code POST /api/events/purge} with a JSON filter naming status DEAD or DONE: deletes the
     * matching events for good and answers how many.
     */
    void purge(Context ctx) {
        BulkFilter body = bulkFilter(ctx);
        if (body.status() == null || body.status().isBlank()) {
            throw HttpProblem.badRequest("a purge must name its status: DEAD or DONE");
        }
        int purged;
        try {
            purged = database.inbox().purge(body.filter(EventStatus.DEAD));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        log.info("{} event(s) purged by an operator from {} ({})", purged, ctx.ip(), body);
        ctx.json(Map.of("purged", purged));
    }

    /** A bulk operation's filter as posted; every field optional. */
    record BulkFilter(String status, String type, String since, String until) {
        EventFilter filter(EventStatus defaultStatus) {
            EventFilter filter = EventFilter.all().withStatus(status == null || status.isBlank() ? defaultStatus
                    : OperatorApi.status(status));
            if (type != null && !type.isBlank()) {
                filter = filter.withEventType(type.strip());
            }
            return timeRange(filter, since, until);
        }
    }

    private static BulkFilter bulkFilter(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return new BulkFilter(null, null, null, null);
        }
        try {
            return FILTER_READER.readValue(body, BulkFilter.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.badRequest("the body must be a JSON filter like {\"status\": \"DEAD\", \"type\":"
                    + " \"NewFileUpload\", \"since\": \"2026-03-01T00:00:00Z\", \"until\": ...}: "
                    + e.getOriginalMessage());
        }
    }

    private static EventFilter timeRange(EventFilter filter, String since, String until) {
        if (since != null && !since.isBlank()) {
            filter = filter.withReceivedFrom(instant("since", since));
        }
        if (until != null && !until.isBlank()) {
            filter = filter.withReceivedBefore(instant("until", until));
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

    /**
     * {@code GET /healthz}, on both listeners and open: 200 {@code UP} when the database answers, 503
     * {@code DOWN} when it does not, and nothing more (why is in the log).
     */
    void health(Context ctx) {
        try {
            database.ping();
            ctx.json(Map.of("status", "UP"));
        } catch (StoreException e) {
            log.warn("Health check failed, answered DOWN: the database does not answer: {}", e.getMessage());
            ctx.status(503).json(Map.of("status", "DOWN"));
        }
    }

    /** {@code GET /metrics}: Prometheus text format. */
    void metrics(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape(database.inbox().countByStatus()));
    }

    static EventStatus status(String value) {
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
