package dev.vodhook.store.outbox;

import dev.vodhook.store.internal.Columns;
import dev.vodhook.store.internal.Storage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/** The outbox's read side: endpoints, deliveries with their attempts, a media's notifications, counts. */
public final class OutboxLog {
    private static final String DELIVERY_COLUMNS = "d.id, e.url, d.notification_id, n.event_id, n.event_type,"
            + " d.file_id, n.sequence, d.status, d.attempts, d.next_attempt_at, d.last_status, d.last_error,"
            + " d.created_at, d.finished_at";
    private static final String DELIVERY_FROM = " FROM delivery d JOIN notification n ON n.id = d.notification_id"
            + " JOIN notify_endpoint e ON e.id = d.endpoint_id";

    private final Storage storage;

    OutboxLog(Storage storage) {
        this.storage = storage;
    }

    public List<EndpointView> endpoints() {
        return storage.read("list notification endpoints", h -> h.createQuery("SELECT id, url, types,"
                        + " registered_at, disabled_at, disabled_reason, retired_at FROM notify_endpoint ORDER BY id")
                .map((rs, ctx) -> new EndpointView(rs.getLong("id"), rs.getString("url"),
                        new EndpointSpec(rs.getString("url"), Outbox.types(rs.getString("types"))),
                        Instant.ofEpochMilli(rs.getLong("registered_at")), Columns.instant(rs, "disabled_at"),
                        Optional.ofNullable(rs.getString("disabled_reason")), Columns.instant(rs, "retired_at")))
                .list());
    }

    public Optional<DeliveryView> find(long id) {
        return storage.read("find delivery " + id, h -> h.createQuery("SELECT " + DELIVERY_COLUMNS + DELIVERY_FROM
                        + " WHERE d.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> delivery(rs))
                .findOne());
    }

    /** One notification, by its row id. */
    public Optional<Notification> notification(long id) {
        return storage.read("find notification " + id, h -> Optional.ofNullable(notifications(h, List.of(id)).get(id)));
    }

    /** Deliveries matching the filter, newest first. */
    public List<DeliveryView> list(DeliveryFilter filter, int limit) {
        Where where = where(filter);
        return storage.read("list deliveries", h -> where.bind(h.createQuery("SELECT " + DELIVERY_COLUMNS
                        + DELIVERY_FROM + where.sql() + " ORDER BY d.id DESC LIMIT :limit"))
                .bind("limit", limit)
                .map((rs, ctx) -> delivery(rs))
                .list());
    }

    /** How many deliveries match the filter (its {@code beforeId} too). */
    public long count(DeliveryFilter filter) {
        Where where = where(filter);
        return storage.read("count deliveries", h -> where.bind(h.createQuery("SELECT COUNT(*) FROM delivery d"
                + where.sql())).mapTo(Long.class).one());
    }

    /** Each endpoint's deliveries by status, and its oldest open one, by endpoint id (endpoints with none left out). */
    public Map<Long, EndpointBacklog> backlogs() {
        return storage.read("count deliveries per endpoint", h -> {
            Map<Long, Map<DeliveryStatus, Long>> counts = new HashMap<>();
            h.createQuery("SELECT endpoint_id, status, COUNT(*) AS n FROM delivery GROUP BY endpoint_id, status")
                    .map((rs, ctx) -> {
                        Map<DeliveryStatus, Long> byStatus = counts.computeIfAbsent(rs.getLong("endpoint_id"),
                                id -> zeroes());
                        byStatus.put(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                        return null;
                    })
                    .list();
            Map<Long, Instant> oldest = new HashMap<>();
            h.createQuery("SELECT endpoint_id, MIN(created_at) AS oldest FROM delivery"
                            + " WHERE status IN ('WAITING', 'PENDING', 'SENDING') GROUP BY endpoint_id")
                    .map((rs, ctx) -> oldest.put(rs.getLong("endpoint_id"), Instant.ofEpochMilli(rs.getLong("oldest"))))
                    .list();
            Map<Long, EndpointBacklog> backlogs = new HashMap<>();
            counts.forEach((id, byStatus) -> backlogs.put(id, new EndpointBacklog(id, byStatus,
                    Optional.ofNullable(oldest.get(id)))));
            return backlogs;
        });
    }

    /** Every attempt of a delivery, first first. */
    public List<AttemptRecord> attempts(long deliveryId) {
        return storage.read("list attempts of delivery " + deliveryId, h -> h.createQuery("SELECT delivery_id,"
                        + " attempt, owner, started_at, latency_ms, status_code, outcome, response, retry_after"
                        + " FROM delivery_attempt WHERE delivery_id = :id ORDER BY id")
                .bind("id", deliveryId)
                .map((rs, ctx) -> {
                    int status = rs.getInt("status_code");
                    OptionalInt statusCode = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(status);
                    return new AttemptRecord(rs.getLong("delivery_id"), rs.getInt("attempt"), rs.getString("owner"),
                            Instant.ofEpochMilli(rs.getLong("started_at")), Duration.ofMillis(rs.getLong("latency_ms")),
                            statusCode, AttemptOutcome.valueOf(rs.getString("outcome")), rs.getString("response"),
                            Optional.ofNullable(rs.getString("retry_after")));
                })
                .list());
    }

    /** A media's notifications, in order. */
    public List<Notification> notifications(String fileId) {
        return storage.read("list notifications of " + fileId, h -> h.createQuery("SELECT id, event_id, file_id,"
                        + " sequence, event_type, created_at, body FROM notification WHERE file_id = :fileId"
                        + " ORDER BY sequence")
                .bind("fileId", fileId)
                .map((rs, ctx) -> notification(rs))
                .list());
    }

    /** How many deliveries are in each status (every status present, zero if none). */
    public Map<DeliveryStatus, Long> countByStatus() {
        Map<DeliveryStatus, Long> counts = zeroes();
        storage.read("count deliveries", h -> h.createQuery("SELECT status, COUNT(*) AS n FROM delivery GROUP BY status")
                        .map((rs, ctx) -> Map.entry(DeliveryStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                        .list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** When the oldest notification not yet delivered (nor DEAD) was written, if there is one: the lag's origin. */
    public Optional<Instant> oldestOpenAt() {
        return storage.read("oldest open delivery", h -> h.createQuery("SELECT MIN(created_at) FROM delivery"
                        + " WHERE status IN ('WAITING', 'PENDING', 'SENDING')")
                .map((rs, ctx) -> {
                    long millis = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(millis));
                })
                .one());
    }

    private static Map<DeliveryStatus, Long> zeroes() {
        Map<DeliveryStatus, Long> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }

    static Map<Long, Notification> notifications(Handle h, Collection<Long> ids) {
        Map<Long, Notification> byId = new HashMap<>();
        h.createQuery("SELECT id, event_id, file_id, sequence, event_type, created_at, body FROM notification"
                        + " WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> notification(rs))
                .forEach(n -> byId.put(n.id(), n));
        return byId;
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        return new Notification(rs.getLong("id"), rs.getString("event_id"), rs.getString("file_id"),
                rs.getLong("sequence"), NotificationType.parse(rs.getString("event_type")).orElseThrow(),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("body"));
    }

    private static DeliveryView delivery(ResultSet rs) throws SQLException {
        int lastStatus = rs.getInt("last_status");
        OptionalInt last = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(lastStatus);
        return new DeliveryView(rs.getLong("id"), rs.getString("url"), rs.getLong("notification_id"),
                rs.getString("event_id"), NotificationType.parse(rs.getString("event_type")).orElseThrow(),
                rs.getString("file_id"), rs.getLong("sequence"), DeliveryStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")), last,
                Optional.ofNullable(rs.getString("last_error")), Instant.ofEpochMilli(rs.getLong("created_at")),
                Columns.instant(rs, "finished_at"));
    }

    /** A filter as a WHERE clause on {@code delivery d}, and how to bind it. */
    record Where(String sql, List<UnaryOperator<SqlStatement<?>>> binds) {
        <S extends SqlStatement<S>> S bind(S statement) {
            for (UnaryOperator<SqlStatement<?>> b : binds) {
                b.apply(statement);
            }
            return statement;
        }
    }

    static Where where(DeliveryFilter f) {
        List<String> parts = new ArrayList<>();
        List<UnaryOperator<SqlStatement<?>>> binds = new ArrayList<>();
        f.endpointUrl().ifPresent(url -> {
            parts.add("d.endpoint_id = (SELECT id FROM notify_endpoint WHERE url = :url)");
            binds.add(s -> s.bind("url", url));
        });
        f.status().ifPresent(status -> {
            parts.add("d.status = :status");
            binds.add(s -> s.bind("status", status.name()));
        });
        f.type().ifPresent(type -> {
            parts.add("EXISTS (SELECT 1 FROM notification nt WHERE nt.id = d.notification_id"
                    + " AND nt.event_type = :type)");
            binds.add(s -> s.bind("type", type.wireName()));
        });
        f.fileId().ifPresent(file -> { // through the notifications' FileId index: delivery has none of its own
            parts.add("d.notification_id IN (SELECT nf.id FROM notification nf WHERE nf.file_id = :fileId)");
            binds.add(s -> s.bind("fileId", file));
        });
        f.createdFrom().ifPresent(t -> {
            parts.add("d.created_at >= :from");
            binds.add(s -> s.bind("from", t.toEpochMilli()));
        });
        f.createdBefore().ifPresent(t -> {
            parts.add("d.created_at < :before");
            binds.add(s -> s.bind("before", t.toEpochMilli()));
        });
        f.beforeId().ifPresent(id -> {
            parts.add("d.id < :beforeId");
            binds.add(s -> s.bind("beforeId", id));
        });
        return new Where(parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts), binds);
    }
}
