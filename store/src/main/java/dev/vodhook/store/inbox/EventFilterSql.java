package dev.vodhook.store.inbox;

import dev.vodhook.store.internal.Text;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.statement.SqlStatement;

/** The WHERE clause for an {@link EventFilter}, with its parameters. */
record EventFilterSql(String sql, Map<String, Object> params) {

    static EventFilterSql of(EventFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        filter.status().ifPresent(s -> {
            conditions.add("status = :status");
            params.put("status", s.name());
        });
        filter.eventType().ifPresent(t -> {
            conditions.add("event_type = :eventType");
            params.put("eventType", t);
        });
        filter.beforeId().ifPresent(id -> {
            conditions.add("id < :beforeId");
            params.put("beforeId", id);
        });
        filter.receivedFrom().ifPresent(t -> {
            conditions.add("received_at >= :receivedFrom");
            params.put("receivedFrom", t.toEpochMilli());
        });
        filter.receivedBefore().ifPresent(t -> {
            conditions.add("received_at < :receivedBefore");
            params.put("receivedBefore", t.toEpochMilli());
        });
        filter.source().ifPresent(s -> {
            conditions.add("source = :source");
            params.put("source", s.name());
        });
        filter.search().ifPresent(q -> {
            Long id = eventId(q);
            // each term has its index (the primary key, inbox_file, inbox_task): SQLite and PostgreSQL take their union
            conditions.add("(file_id = :search OR task_id = :search" + (id == null ? "" : " OR id = :searchId") + ")");
            params.put("search", Text.storable(q));
            if (id != null) {
                params.put("searchId", id);
            }
        });
        return new EventFilterSql(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    /** The search text as an event id, when it is one (a FileId is digits too: it is searched for as both). */
    private static Long eventId(String text) {
        if (text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return Long.parseLong(text);
    }

    <S extends SqlStatement<S>> S bind(S statement) {
        params.forEach(statement::bind);
        return statement;
    }
}
