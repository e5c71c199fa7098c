package dev.vodhook.store;

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
        return new EventFilterSql(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    <S extends SqlStatement<S>> S bind(S statement) {
        params.forEach(statement::bind);
        return statement;
    }
}
