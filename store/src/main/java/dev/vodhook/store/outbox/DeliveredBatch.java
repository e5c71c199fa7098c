package dev.vodhook.store.outbox;

import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.internal.Text;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marking many deliveries DELIVERED with a statement for each step rather than each delivery, plain JDBC on the
 * transaction's connection (as the inbox's multi-row insert): one multi-row INSERT of their attempts, one fenced
 * {@code UPDATE ... FROM (VALUES ...)} that marks those still held under their lease and returns them, and one
 * promotion of the next WAITING delivery per endpoint for the media whose queues moved. The same SQL on SQLite and
 * PostgreSQL ({@code VALUES} columns are {@code column1, column2, ...} on both).
 */
final class DeliveredBatch {
    private static final String ATTEMPTS = "INSERT INTO delivery_attempt (delivery_id, attempt, owner, started_at,"
            + " latency_ms, status_code, outcome, response, retry_after) VALUES ";
    private static final String ATTEMPT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MARK = "UPDATE delivery SET status = 'DELIVERED', finished_at = ?, next_attempt_at = ?,"
            + " lease_owner = NULL, lease_until = NULL, last_status = v.column4, last_error = v.column5 FROM (VALUES ";
    private static final String MARK_ROW = "(?, ?, ?, ?, ?)";
    private static final String MARK_WHERE = ") AS v WHERE delivery.id = v.column1 AND delivery.status = 'SENDING'"
            + " AND delivery.lease_owner = v.column2 AND delivery.attempts = v.column3"
            + " RETURNING id, endpoint_id, file_id";

    private DeliveredBatch() {}

    /** Records every attempt, marks the deliveries whose lease held, promotes their queues; the ids marked. */
    static Set<Long> mark(Connection c, List<Map.Entry<DeliveryLease, AttemptRecord>> delivered, Instant now)
            throws SQLException {
        insertAttempts(c, delivered.stream().map(Map.Entry::getValue).toList());
        Set<Long> marked = new HashSet<>();
        Map<Long, Set<String>> moved = new LinkedHashMap<>();
        String sql = MARK + String.join(", ", Collections.nCopies(delivered.size(), MARK_ROW)) + MARK_WHERE;
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int p = 1;
            statement.setLong(p++, now.toEpochMilli());
            statement.setLong(p++, now.toEpochMilli());
            for (var d : delivered) {
                DeliveryLease lease = d.getKey();
                AttemptRecord attempt = d.getValue();
                statement.setLong(p++, lease.deliveryId());
                statement.setString(p++, lease.owner());
                statement.setInt(p++, lease.attempt());
                status(statement, p++, attempt);
                statement.setString(p++, Text.storable(Text.cut(attempt.summary(), Inbox.MAX_ERROR_LENGTH)));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    if (!marked.add(rs.getLong(1))) {
                        throw new IllegalStateException("marked delivery " + rs.getLong(1) + " twice in one update");
                    }
                    moved.computeIfAbsent(rs.getLong(2), e -> new LinkedHashSet<>()).add(rs.getString(3));
                }
            }
        }
        for (var queues : moved.entrySet()) {
            promoteNext(c, queues.getKey(), List.copyOf(queues.getValue()), now);
        }
        return marked;
    }

    /**
     * For each media given, its next WAITING delivery to the endpoint becomes due, unless one of its queue is open
     * already (PENDING or SENDING): the first open delivery of a queue whose open ones are all WAITING.
     */
    static void promoteNext(Connection c, long endpointId, List<String> fileIds, Instant now) throws SQLException {
        String sql = "UPDATE delivery SET status = 'PENDING', next_attempt_at = ? WHERE id IN (SELECT MIN(id) FROM"
                + " delivery WHERE endpoint_id = ? AND file_id IN (" + String.join(", ",
                Collections.nCopies(fileIds.size(), "?")) + ") AND status IN ('WAITING', 'PENDING', 'SENDING')"
                + " GROUP BY file_id HAVING COUNT(CASE WHEN status <> 'WAITING' THEN 1 END) = 0)";
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int p = 1;
            statement.setLong(p++, now.toEpochMilli());
            statement.setLong(p++, endpointId);
            for (String fileId : fileIds) {
                statement.setString(p++, fileId);
            }
            statement.executeUpdate();
        }
    }

    private static void insertAttempts(Connection c, List<AttemptRecord> attempts) throws SQLException {
        String sql = ATTEMPTS + String.join(", ", Collections.nCopies(attempts.size(), ATTEMPT_ROW));
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int p = 1;
            for (AttemptRecord a : attempts) {
                statement.setLong(p++, a.deliveryId());
                statement.setInt(p++, a.attempt());
                statement.setString(p++, Text.storable(a.owner()));
                statement.setLong(p++, a.startedAt().toEpochMilli());
                statement.setLong(p++, a.latency().toMillis());
                status(statement, p++, a);
                statement.setString(p++, a.outcome().name());
                statement.setString(p++, Text.storable(a.response()));
                statement.setString(p++, Text.storable(a.retryAfter().orElse(null)));
            }
            statement.executeUpdate();
        }
    }

    private static void status(PreparedStatement statement, int index, AttemptRecord attempt) throws SQLException {
        if (attempt.statusCode().isPresent()) {
            statement.setInt(index, attempt.statusCode().getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }
}
