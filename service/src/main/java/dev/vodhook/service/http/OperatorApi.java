package dev.vodhook.service.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.inbox.ReplayResult;
import dev.vodhook.store.StoreException;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The read side and the operator's actions: media, events, replay, health, metrics. */
public final class OperatorApi {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Logger log = LoggerFactory.getLogger(OperatorApi.class);
    /** Longest EventType a filter may name. */
    static final int MAX_TYPE_LENGTH = 256;
    private static final Set<String> LIST_PARAMETERS = Set.of("status", "type", "since", "until", "before", "limit");
    /** Filters are small flat objects: strings only, no duplicate keys, nothing after the object. */
    private static final ObjectMapper FILTER_READER = filterReader();

    private final Database database;
    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Runnable onReplay;

    public OperatorApi(Database database, ServiceMetrics metrics, Clock clock, Runnable onReplay) {
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
        for (String name : ctx.queryParamMap().keySet()) {
            if (!LIST_PARAMETERS.contains(name)) {
                throw HttpProblem.badRequest("unknown query parameter '" + name + "'; known: " + List.of("status",
                        "type", "since", "until", "before", "limit"));
            }
        }
        EventFilter filter = timeRange(EventFilter.all(), ctx.queryParam("since"), ctx.queryParam("until"));
        String status = ctx.queryParam("status");
        if (status != null && !status.isBlank()) {
            filter = filter.withStatus(status(status));
        }
        String type = ctx.queryParam("type");
        if (type != null && !type.isBlank()) {
            filter = filter.withEventType(eventType(type));
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
                filter = filter.withEventType(eventType(type));
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
            BulkFilter filter = FILTER_READER.readValue(body, BulkFilter.class);
            if (filter == null) {
                throw HttpProblem.badRequest("the body must be a JSON object (a filter), or empty; got null");
            }
            return filter;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.badRequest("the body must be a JSON filter like {\"status\": \"DEAD\", \"type\":"
                    + " \"NewFileUpload\", \"since\": \"2026-03-01T00:00:00Z\", \"until\": ...}: "
                    + filterMistake(e));
        }
    }

    /**
     * What is wrong with a posted filter, in its own words: Jackson's messages name Java types
     * ({@code java.lang.String}) and its own settings, which tell a client nothing and show what runs here.
     */
    static String filterMistake(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
            return mismatch.getPath().isEmpty() || mismatch.getPath().getFirst().getFieldName() == null
                    ? "not one JSON object"
                    : "'" + mismatch.getPath().getFirst().getFieldName() + "' must be a string";
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return "nested too deep, or a value too long";
        }
        String message = e.getOriginalMessage();
        int aside = message.indexOf(" (for ");
        return (aside < 0 ? message : message.substring(0, aside)).replaceAll("`[^`]*`", "").strip();
    }

    private static EventFilter timeRange(EventFilter filter, String since, String until) {
        if (since != null && !since.isBlank()) {
            filter = filter.withReceivedFrom(instant("since", since));
        }
        if (until != null && !until.isBlank()) {
            filter = filter.withReceivedBefore(instant("until", until));
        }
        if (filter.receivedFrom().isPresent() && filter.receivedBefore().isPresent()
                && !filter.receivedFrom().get().isBefore(filter.receivedBefore().get())) {
            throw HttpProblem.badRequest("since must be before until, got " + since + " and " + until);
        }
        return filter;
    }

    private static Instant instant(String name, String value) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw HttpProblem.badRequest(name + " must be an ISO-8601 time like 2026-03-01T08:00:00Z, got "
                    + shortened(value));
        }
        if (time.getYear() < 1970 || time.getYear() > 9999) {
            throw HttpProblem.badRequest(name + " must be a time between the years 1970 and 9999, got " + value);
        }
        return time.toInstant();
    }

    private static String eventType(String value) {
        String type = value.strip();
        if (type.length() > MAX_TYPE_LENGTH) {
            throw HttpProblem.badRequest("type must be an EventType of at most " + MAX_TYPE_LENGTH + " characters, got "
                    + type.length());
        }
        return type;
    }

    /** A value quoted back in an error, cut to a readable length. */
    private static String shortened(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    private static ObjectMapper filterReader() {
        JsonMapper mapper = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8)
                                .maxStringLength(4096).maxNumberLength(64).build())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
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
            throw HttpProblem.badRequest("status must be one of " + List.of(EventStatus.values()) + ", got "
                    + shortened(value));
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        long limit = number("limit", value);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpProblem.badRequest("limit must be 1 to " + MAX_LIMIT + ", got " + shortened(value));
        }
        return (int) limit;
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a whole number, got " + shortened(value));
        }
    }
}
