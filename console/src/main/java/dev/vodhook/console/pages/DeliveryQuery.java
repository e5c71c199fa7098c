package dev.vodhook.console.pages;

import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Query;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.NotificationType;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries listing's filter as the URL gives it (a permalink): {@code endpoint} (its URL), {@code status},
 * {@code type} ({@code media.ready}), {@code fileId}, {@code from} and {@code to} (when the notification was written;
 * UTC, {@code 2026-03-01T08:00} or any ISO-8601 instant) and {@code before} (the page: deliveries older than that id).
 *
 * @param query  the filter's parameters, without the page
 * @param filter the same, for the store, with the page
 */
public record DeliveryQuery(Query query, DeliveryFilter filter) {
    public static final List<String> FILTERS = List.of("endpoint", "status", "type", "fileId", "from", "to");
    /** What a bulk replay takes: an endpoint's DEAD deliveries in a time range. */
    static final List<String> REPLAY = List.of("endpoint", "from", "to");

    static DeliveryQuery of(Context ctx) {
        return parse(Query.of(ctx.queryParamMap(), FILTERS), ctx.queryParam("before"));
    }

    /** The bulk replay's part of the URL's filter (endpoint and time range). */
    static DeliveryQuery replayOf(Context ctx) {
        return parse(Query.of(ctx.queryParamMap(), REPLAY), null);
    }

    /** The bulk replay's form: the endpoint and time range its preview showed. */
    static DeliveryQuery replayOfForm(Context ctx) {
        return parse(Query.of(ctx.formParamMap(), REPLAY), null);
    }

    static DeliveryQuery parse(Query query, String before) {
        DeliveryFilter filter = DeliveryFilter.all();
        if (!query.get("endpoint").isEmpty()) {
            filter = filter.withEndpointUrl(query.get("endpoint"));
        }
        if (!query.get("status").isEmpty()) {
            filter = filter.withStatus(EventQuery.value(DeliveryStatus.class, "status", query.get("status")));
        }
        String type = query.get("type");
        if (!type.isEmpty()) {
            filter = filter.withType(NotificationType.parse(type).orElseThrow(() -> PageError.badRequest(
                    "type must be one of " + types() + ", got " + type)));
        }
        if (!query.get("fileId").isEmpty()) {
            filter = filter.withFileId(query.get("fileId"));
        }
        if (!query.get("from").isEmpty()) {
            filter = filter.withCreatedFrom(EventQuery.instant("from", query.get("from")));
        }
        if (!query.get("to").isEmpty()) {
            filter = filter.withCreatedBefore(EventQuery.instant("to", query.get("to")));
        }
        Optional<Long> beforeId = EventQuery.beforeId(before, "a delivery id");
        if (beforeId.isPresent()) {
            filter = filter.withBeforeId(beforeId.get());
        }
        return new DeliveryQuery(query, filter);
    }

    /** Every notification type's wire name, in the order of a media's life. */
    public static List<String> types() {
        return Arrays.stream(NotificationType.values()).map(NotificationType::wireName).toList();
    }

    /** Whether the listing shows an endpoint's DEAD deliveries, the ones a bulk replay takes. */
    public boolean deadOfOneEndpoint() {
        return filter.endpointUrl().isPresent() && filter.status().orElse(null) == DeliveryStatus.DEAD;
    }

    /** The bulk replay's preview of this listing's endpoint and time range. */
    public String replayUrl() {
        Query replay = Query.empty();
        for (String name : REPLAY) {
            replay = replay.with(name, query.get(name));
        }
        return "/deliveries/replay" + replay;
    }

    /** The time range in words, for a confirmation. */
    public String describeRange() {
        String from = query.get("from");
        String to = query.get("to");
        if (from.isEmpty() && to.isEmpty()) {
            return "written at any time";
        }
        return "written" + (from.isEmpty() ? "" : " from " + from) + (to.isEmpty() ? "" : " before " + to) + " (UTC)";
    }
}
