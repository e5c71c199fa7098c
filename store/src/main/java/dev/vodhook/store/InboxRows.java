package dev.vodhook.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reading inbox rows into records, and the headers column to and from JSON. */
final class InboxRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InboxRows() {}

    static StoredEvent event(ResultSet rs) throws SQLException {
        return new StoredEvent(
                rs.getLong("id"),
                Instant.ofEpochMilli(rs.getLong("received_at")),
                EventSource.valueOf(rs.getString("source")),
                rs.getString("event_type"),
                rs.getString("format"),
                rs.getString("dedupe_key"),
                rs.getString("body"),
                headers(rs.getLong("id"), rs.getString("headers")),
                EventStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                Optional.ofNullable(rs.getString("lease_owner")),
                Columns.instant(rs, "lease_until"),
                Optional.ofNullable(rs.getString("last_error")),
                Columns.instant(rs, "processed_at"));
    }

    static EventSummary summary(ResultSet rs) throws SQLException {
        return new EventSummary(
                rs.getLong("id"),
                Instant.ofEpochMilli(rs.getLong("received_at")),
                EventSource.valueOf(rs.getString("source")),
                rs.getString("event_type"),
                rs.getString("format"),
                rs.getString("dedupe_key"),
                EventStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                Optional.ofNullable(rs.getString("last_error")),
                Columns.instant(rs, "processed_at"));
    }

    static String headersJson(Map<String, String> headers) {
        Map<String, String> clean = new TreeMap<>();
        headers.forEach((k, v) -> clean.put(Text.storable(k), Text.storable(v)));
        try {
            return JSON.writeValueAsString(clean);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write headers as JSON", e);
        }
    }

    static Map<String, String> headers(long id, String json) {
        try {
            return JSON.readValue(json, new TypeReference<HashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox event " + id + " has unreadable headers: " + json, e);
        }
    }
}
