package dev.vodhook.store.inbox;

import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Appending many inbox events with few statements: {@code INSERT ... VALUES (...), (...) ON
 * CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key}, plain JDBC on the transaction's
 * connection (on SQLite with the writer's cached statement for each chunk size: compiling the insert
 * was a twentieth of intake's CPU), then one SELECT for the keys that were already there. The same SQL
 * on SQLite and PostgreSQL.
 */
final class MultiRowInsert {
    private static final String INSERT = "INSERT INTO inbox (received_at, source, event_type, format, dedupe_key,"
            + " body, headers, status, attempts, next_attempt_at, file_id, task_id) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)";

    private MultiRowInsert() {}

    /** Appends the events in chunks of {@code rowsPerInsert}; results in the order of {@code events}. */
    static List<AppendResult> append(Storage storage, Handle h, List<IncomingEvent> events, int rowsPerInsert)
            throws SQLException {
        Connection c = h.getConnection();
        Map<String, Long> inserted = new HashMap<>();
        for (int from = 0; from < events.size(); from += rowsPerInsert) {
            insert(storage, h, events.subList(from, Math.min(events.size(), from + rowsPerInsert)), inserted);
        }
        List<String> missing = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (!inserted.containsKey(Text.storable(event.dedupeKey()))) {
                missing.add(Text.storable(event.dedupeKey()));
            }
        }
        Map<String, Long> existing = missing.isEmpty() ? Map.of() : existing(c, missing);
        List<AppendResult> results = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            String key = Text.storable(event.dedupeKey());
            Long id = inserted.remove(key); // a second event with the same key in this batch is a duplicate
            if (id != null) {
                results.add(new AppendResult(id, false));
                existing = with(existing, key, id);
            } else {
                Long earlier = existing.get(key);
                if (earlier == null) {
                    throw new IllegalStateException("event with dedupe key " + key + " neither inserted nor found");
                }
                results.add(new AppendResult(earlier, true));
            }
        }
        return results;
    }

    /** One multi-row INSERT; its statement comes from the writer's cache (one per chunk size) where there is one. */
    private static void insert(Storage storage, Handle h, List<IncomingEvent> chunk, Map<String, Long> inserted)
            throws SQLException {
        StringBuilder sql = new StringBuilder(INSERT.length() + chunk.size() * (ROW.length() + 2) + 80).append(INSERT);
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        sql.append(" ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key");
        storage.withStatement(h, sql.toString(), statement -> {
            int p = 1;
            for (IncomingEvent e : chunk) {
                long receivedAt = e.receivedAt().toEpochMilli();
                statement.setLong(p++, receivedAt);
                statement.setString(p++, e.source().name());
                statement.setString(p++, Text.storable(e.eventType()));
                statement.setString(p++, Text.storable(e.format()));
                statement.setString(p++, Text.storable(e.dedupeKey()));
                statement.setString(p++, Text.storable(e.body()));
                statement.setString(p++, InboxRows.headersJson(e.headers()));
                statement.setLong(p++, receivedAt);
                statement.setString(p++, Text.storable(e.fileId().orElse(null)));
                statement.setString(p++, Text.storable(e.taskId().orElse(null)));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.put(rs.getString(2), rs.getLong(1));
                }
            }
            return null;
        });
    }

    private static Map<String, Long> existing(Connection c, List<String> keys) throws SQLException {
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += 500) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT id, dedupe_key FROM inbox WHERE dedupe_key IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(2), rs.getLong(1));
                    }
                }
            }
        }
        return found;
    }

    private static Map<String, Long> with(Map<String, Long> map, String key, long id) {
        Map<String, Long> copy = map instanceof HashMap<String, Long> mutable ? mutable : new HashMap<>(map);
        copy.put(key, id);
        return copy;
    }
}
