package dev.vodhook.console.pages;

import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Query;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The events listing's filter as the URL gives it (a permalink): {@code status}, {@code type}, {@code source},
 * {@code from} and {@code to} (received; UTC, {@code 2026-03-01T08:00} or any ISO-8601 instant), {@code q} (an event
 * id, a FileId or a TaskId) and {@code before} (the page: events older than that id).
 *
 * @param query  the filter's parameters, without the page
 * @param filter the same, for the store, with the page
 */
public record EventQuery(Query query, EventFilter filter) {
    public static final List<String> FILTERS = List.of("status", "type", "source", "from", "to", "q");

    public static EventQuery of(Context ctx) {
        return parse(Query.of(ctx.queryParamMap(), FILTERS), ctx.queryParam("before"));
    }

    /** From a form's fields (a bulk action's confirmation posts the filter it previewed). */
    public static EventQuery ofForm(Context ctx) {
        return parse(Query.of(ctx.formParamMap(), FILTERS), null);
    }

    static EventQuery parse(Query query, String before) {
        EventFilter filter = EventFilter.all();
        String status = query.get("status");
        if (!status.isEmpty()) {
            filter = filter.withStatus(value(EventStatus.class, "status", status));
        }
        if (!query.get("type").isEmpty()) {
            filter = filter.withEventType(query.get("type"));
        }
        String source = query.get("source");
        if (!source.isEmpty()) {
            filter = filter.withSource(value(EventSource.class, "source", source));
        }
        if (!query.get("from").isEmpty()) {
            filter = filter.withReceivedFrom(instant("from", query.get("from")));
        }
        if (!query.get("to").isEmpty()) {
            filter = filter.withReceivedBefore(instant("to", query.get("to")));
        }
        if (!query.get("q").isEmpty()) {
            filter = filter.withSearch(query.get("q"));
        }
        if (before != null && !before.isBlank()) {
            try {
                filter = filter.withBeforeId(Long.parseLong(before.strip()));
            } catch (NumberFormatException e) {
                throw PageError.badRequest("before must be an event id, got " + before);
            }
        }
        return new EventQuery(query, filter);
    }

    /** Whether the filter names DEAD events, the ones a bulk replay takes. */
    public boolean dead() {
        return filter.status().orElse(null) == EventStatus.DEAD;
    }

    /** Whether the filter names DEAD or DONE events, the ones a purge may delete. */
    public boolean purgeable() {
        EventStatus status = filter.status().orElse(null);
        return status == EventStatus.DEAD || status == EventStatus.DONE;
    }

    /** The filter in words, for a confirmation. */
    public String describe() {
        if (query.isEmpty()) {
            return "every event";
        }
        StringBuilder out = new StringBuilder();
        query.entries().forEach(e -> out.append(out.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return out.toString();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw PageError.badRequest(name + " must be one of " + List.of(type.getEnumConstants()) + ", got " + text);
        }
    }

    /** {@code 2026-03-01T08:00} (a datetime-local field, read as UTC) or an ISO-8601 instant with its offset. */
    static Instant instant(String name, String text) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw PageError.badRequest(name + " must be a time like 2026-03-01T08:00 (UTC), got " + text);
            }
        }
    }
}
