package dev.vodhook.store.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodhook.store.internal.Columns;
import dev.vodhook.store.internal.Text;
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
                Columns.instant(rs, "processed_at"),
                Optional.ofNullable(rs.getString("file_id")),
                Optional.ofNullable(rs.getString("task_id")));
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
                Columns.instant(rs, "processed_at"),
                Optional.ofNullable(rs.getString("file_id")),
                Optional.ofNullable(rs.getString("task_id")));
    }

    /** The headers as a JSON object, keys sorted; written by hand, since every appended event needs it. */
    static String headersJson(Map<String, String> headers) {
        Map<String, String> clean = new TreeMap<>();
        headers.forEach((k, v) -> clean.put(Text.storable(k), Text.storable(v)));
        StringBuilder json = new StringBuilder(32 + 48 * clean.size()).append('{');
        clean.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, k).append(':');
            quote(json, v);
        });
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    static Map<String, String> headers(long id, String json) {
        try {
            return JSON.readValue(json, new TypeReference<HashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox event " + id + " has unreadable headers: " + json, e);
        }
    }
}
