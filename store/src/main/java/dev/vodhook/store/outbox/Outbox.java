package dev.vodhook.store.outbox;

import dev.vodhook.store.Dialect;
import dev.vodhook.store.StoreException;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.ReplayResult;
import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * vodhook's own notifications to the application: the endpoints they go to, and the delivery queue. The media
 * store writes notifications and their deliveries in the transaction of the change they report
 * ({@link NotificationWriter}); deliverers claim due deliveries with a lease (one conditional UPDATE, SKIP LOCKED
 * on PostgreSQL, the attempt as fencing token, as the inbox), record every attempt, and mark them DELIVERED,
 * failed (due again later), DEAD or gone (410: the endpoint is disabled).
 *
 * <p>A media's deliveries to one endpoint go one at a time, in the order its notifications were written: only
 * the first open one is due, the others WAIT until it is DELIVERED or DEAD, when the next is promoted in the same
 * transaction. Every transaction that changes a media's queue first locks the media's row, as the media writes
 * do, so that a promotion and a new notification of the same media never miss each other. Different media, and
 * different endpoints, go in parallel. {@link #log()} is the read side.
 *
 * <p>The store has no clock: callers pass the time, so tests control it.
 */
public final class Outbox {
    private static final String HELD = " WHERE id = :id AND status = 'SENDING' AND lease_owner = :owner"
            + " AND attempts = :attempt";
    private static final String DUE = "status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now";

    private final Storage storage;
    private final OutboxLog log;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<Long> subAppId = Optional.empty();

    public Outbox(Storage storage) {
        this.storage = storage;
        this.log = new OutboxLog(storage);
    }

    /** Deliveries, attempts and notifications, for the operator. */
    public OutboxLog log() {
        return log;
    }

    /**
     * Makes the configured endpoints the ones notifications go to from now on: new ones are registered (they get
     * the notifications written from now on, not older ones), known ones take the types given, and endpoints no
     * longer configured are retired (their queued deliveries stay, unsent). A disabled endpoint stays disabled.
     * {@code subAppId} is stamped into every notification's data.
     */
    public List<EndpointView> configure(List<EndpointSpec> endpoints, Optional<Long> subAppId, Instant now) {
        this.subAppId = subAppId;
        storage.write("configure notification endpoints", h -> {
            for (EndpointSpec e : endpoints) {
                h.createUpdate("INSERT INTO notify_endpoint (url, types, registered_at) VALUES (:url, :types, :now)"
                                + " ON CONFLICT (url) DO UPDATE SET types = excluded.types, retired_at = NULL")
                        .bind("url", Text.storable(e.url()))
                        .bind("types", types(e.types()))
                        .bind("now", now.toEpochMilli())
                        .execute();
            }
            var retire = h.createUpdate("UPDATE notify_endpoint SET retired_at = :now WHERE retired_at IS NULL"
                    + (endpoints.isEmpty() ? "" : " AND url NOT IN (<urls>)")).bind("now", now.toEpochMilli());
            if (!endpoints.isEmpty()) {
                retire.bindList("urls", endpoints.stream().map(EndpointSpec::url).map(Text::storable).toList());
            }
            retire.execute();
            return null;
        });
        return log.endpoints();
    }

    /** Runs after every committed media write that wrote notifications (a deliverer's wake-up). */
    public void onNotified(Runnable listener) {
        listeners.add(listener);
    }

    public void notified() {
        listeners.forEach(Runnable::run);
    }

    public NotificationWriter writer(Handle h, Instant now) {
        return new NotificationWriter(storage, h, now, subAppId);
    }

    /**
     * Claims up to {@code limit} due deliveries to one endpoint for {@code owner}: PENDING ones whose time has come,
     * and SENDING ones whose lease has lapsed (their deliverer died). Nothing while the endpoint is disabled or
     * retired. Each claim counts as an attempt.
     */
    public List<ClaimedDelivery> claimDue(EndpointView endpoint, String owner, Instant now, Duration lease, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        Instant until = now.plus(lease);
        String sql = "WITH picked AS MATERIALIZED (SELECT id FROM delivery WHERE endpoint_id = :endpoint AND " + DUE
                + " AND EXISTS (SELECT 1 FROM notify_endpoint e WHERE e.id = :endpoint AND e.disabled_at IS NULL"
                + " AND e.retired_at IS NULL)"
                + " ORDER BY next_attempt_at, id LIMIT :limit" + storage.dialect().skipLocked() + ")"
                + " UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, lease_owner = :owner,"
                + " lease_until = :until, next_attempt_at = :until"
                + " WHERE id IN (SELECT id FROM picked) AND " + DUE
                + " RETURNING id, notification_id, file_id, attempts";
        return storage.write("claim due deliveries to " + endpoint.url(), h -> {
            List<long[]> rows = new ArrayList<>();
            List<String> files = new ArrayList<>();
            h.createQuery(sql)
                    .bind("endpoint", endpoint.id())
                    .bind("owner", owner)
                    .bind("until", until.toEpochMilli())
                    .bind("now", now.toEpochMilli())
                    .bind("limit", limit)
                    .map((rs, ctx) -> {
                        rows.add(new long[] {rs.getLong("id"), rs.getLong("notification_id"), rs.getInt("attempts")});
                        files.add(rs.getString("file_id"));
                        return null;
                    })
                    .list();
            if (rows.size() > limit) {
                throw new IllegalStateException("claimed " + rows.size() + " deliveries with limit " + limit);
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<Long, Notification> notifications = OutboxLog.notifications(h,
                    rows.stream().map(r -> r[1]).collect(Collectors.toCollection(LinkedHashSet::new)));
            List<ClaimedDelivery> claimed = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                long[] r = rows.get(i);
                claimed.add(new ClaimedDelivery(endpoint.url(), notifications.get(r[1]),
                        new DeliveryLease(r[0], endpoint.id(), files.get(i), owner, (int) r[2], until)));
            }
            claimed.sort(Comparator.comparingLong(ClaimedDelivery::id));
            return claimed;
        });
    }

    /**
     * Extends the leases of held deliveries to {@code until} (a deliverer's heartbeat) and returns the ids extended;
     * a delivery whose lease was lost, or that was marked meanwhile, is left alone.
     */
    public Set<Long> extendLeases(List<DeliveryLease> leases, Instant until) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        return storage.write("extend " + leases.size() + " delivery leases", h -> {
            Set<Long> extended = new java.util.HashSet<>();
            // in id order, as a batch mark locks them: two transactions locking held deliveries never deadlock
            for (DeliveryLease lease : leases.stream().sorted(Comparator.comparingLong(DeliveryLease::deliveryId))
                    .toList()) {
                if (held(h, lease, "UPDATE delivery SET lease_until = :now, next_attempt_at = :now", until) == 1) {
                    extended.add(lease.deliveryId());
                }
            }
            return extended;
        });
    }

    /** A 2xx: DELIVERED, and the media's next notification to this endpoint is due now. False when the lease was lost. */
    public boolean markDelivered(DeliveryLease lease, AttemptRecord attempt, Instant now) {
        return finish(lease, attempt, "DELIVERED", now);
    }

    /**
     * Marks several deliveries DELIVERED in one transaction (a deliverer marking what finished together), as
     * {@link #markDelivered} would one by one, with a statement per step rather than per delivery
     * ({@link DeliveredBatch}); returns the ids marked (a lease lost is left out).
     */
    public Set<Long> markAllDelivered(List<Map.Entry<DeliveryLease, AttemptRecord>> delivered, Instant now) {
        if (delivered.isEmpty()) {
            return Set.of();
        }
        String what = "mark " + delivered.size() + " deliveries DELIVERED";
        return storage.write(what, h -> {
            lockMedia(h, delivered.stream().map(d -> d.getKey().fileId()).distinct().sorted().toList());
            lockDeliveries(h, delivered.stream().map(d -> d.getKey().deliveryId()).distinct().sorted().toList());
            try {
                return DeliveredBatch.mark(h.getConnection(), delivered, now);
            } catch (SQLException e) {
                throw new StoreException(what + " failed: " + e.getMessage(), e);
            }
        });
    }

    /** The schedule is used up: DEAD with the last answer, and the media's next notification goes. */
    public boolean markDead(DeliveryLease lease, AttemptRecord attempt, Instant now) {
        return finish(lease, attempt, "DEAD", now);
    }

    /** A failed attempt: PENDING again, due at {@code nextAttemptAt}; the media's later notifications keep waiting. */
    public boolean markFailed(DeliveryLease lease, AttemptRecord attempt, Instant nextAttemptAt) {
        return storage.write("mark delivery " + lease.deliveryId() + " failed", h -> {
            insertAttempt(h, attempt);
            return held(h, lease, "UPDATE delivery SET status = 'PENDING', next_attempt_at = :now, lease_owner = NULL,"
                    + " lease_until = NULL" + last(attempt), nextAttemptAt, attempt) == 1;
        });
    }

    /**
     * A 410 Gone: the endpoint is disabled (nothing more goes to it until {@link #enable}); the delivery is PENDING
     * again, due now, so that it goes first once the endpoint is enabled. True when this disabled the endpoint.
     */
    public boolean markGone(DeliveryLease lease, AttemptRecord attempt, Instant now) {
        return storage.write("mark endpoint of delivery " + lease.deliveryId() + " gone", h -> {
            insertAttempt(h, attempt);
            held(h, lease, "UPDATE delivery SET status = 'PENDING', next_attempt_at = :now, lease_owner = NULL,"
                    + " lease_until = NULL" + last(attempt), now, attempt);
            return h.createUpdate("UPDATE notify_endpoint SET disabled_at = :now, disabled_reason = :reason"
                            + " WHERE id = :endpoint AND disabled_at IS NULL")
                    .bind("now", now.toEpochMilli())
                    .bind("reason", Text.storable(Text.cut(attempt.summary(), Inbox.MAX_ERROR_LENGTH)))
                    .bind("endpoint", lease.endpointId())
                    .execute() == 1;
        });
    }

    /** Hands back a held delivery that was never sent (shutdown): PENDING, due now, the attempt not counted. */
    public boolean release(DeliveryLease lease, Instant now) {
        return storage.write("release delivery " + lease.deliveryId(), h -> held(h, lease, "UPDATE delivery SET"
                + " status = 'PENDING', attempts = attempts - 1, next_attempt_at = :now, lease_owner = NULL,"
                + " lease_until = NULL", now) == 1);
    }

    /** Lets notifications go to an endpoint that was disabled by a 410 again. False when it was not disabled. */
    public boolean enable(String url) {
        return storage.write("enable endpoint " + url, h -> h.createUpdate("UPDATE notify_endpoint SET"
                        + " disabled_at = NULL, disabled_reason = NULL WHERE url = :url AND disabled_at IS NOT NULL")
                .bind("url", Text.storable(url))
                .execute() == 1);
    }

    /**
     * Sends one delivery again: a DEAD one, or a DELIVERED one (the application asked for it again), PENDING, due
     * now, with a fresh attempt budget. It goes at once, beside the media's later notifications, which do not wait
     * for it. A WAITING or SENDING delivery is left to the queue.
     */
    public ReplayResult replay(long deliveryId, Instant now) {
        return storage.write("replay delivery " + deliveryId, h -> {
            Optional<String> fileId = h.createQuery("SELECT file_id FROM delivery WHERE id = :id")
                    .bind("id", deliveryId).mapTo(String.class).findOne();
            if (fileId.isEmpty()) {
                return ReplayResult.NOT_FOUND;
            }
            lockMedia(h, List.of(fileId.get()));
            int count = h.createUpdate("UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = :now,"
                            + " finished_at = NULL, lease_owner = NULL, lease_until = NULL"
                            + " WHERE id = :id AND status IN ('DEAD', 'DELIVERED', 'PENDING')")
                    .bind("id", deliveryId)
                    .bind("now", now.toEpochMilli())
                    .execute();
            return count == 1 ? ReplayResult.REPLAYED : ReplayResult.IN_PROGRESS;
        });
    }

    /**
     * Replays every DEAD delivery the filter matches (its status is ignored), in order per media: each media's
     * first one is due now, the others wait behind it as they did the first time. Returns how many.
     */
    public int replayDead(DeliveryFilter filter, Instant now) {
        OutboxLog.Where where = OutboxLog.where(filter.withStatus(dev.vodhook.store.outbox.DeliveryStatus.DEAD));
        return storage.write("replay DEAD deliveries", h -> {
            List<String> files = where.bind(h.createQuery("SELECT DISTINCT d.file_id FROM delivery d" + where.sql()))
                    .mapTo(String.class).list();
            if (files.isEmpty()) {
                return 0;
            }
            lockMedia(h, files);
            List<long[]> replayed = new ArrayList<>();
            List<String> replayedFiles = new ArrayList<>();
            where.bind(h.createQuery("UPDATE delivery SET status = 'WAITING', attempts = 0, next_attempt_at = :now,"
                            + " finished_at = NULL WHERE id IN (SELECT d.id FROM delivery d" + where.sql() + ")"
                            + " RETURNING id, endpoint_id, file_id"))
                    .bind("now", now.toEpochMilli())
                    .map((rs, ctx) -> {
                        replayed.add(new long[] {rs.getLong("id"), rs.getLong("endpoint_id")});
                        replayedFiles.add(rs.getString("file_id"));
                        return null;
                    })
                    .list();
            Set<String> queues = new LinkedHashSet<>();
            for (int i = 0; i < replayed.size(); i++) {
                queues.add(replayed.get(i)[1] + "\n" + replayedFiles.get(i));
            }
            for (String queue : queues) {
                int nl = queue.indexOf('\n');
                promoteNext(h, Long.parseLong(queue.substring(0, nl)), queue.substring(nl + 1), now);
            }
            return replayed.size();
        });
    }

    /**
     * Deletes up to {@code limit} notifications written before {@code writtenBefore} whose every delivery is
     * DELIVERED, with their deliveries and attempts, oldest first; returns how many. A notification with a
     * delivery DEAD or still to go stays; the media's {@code notify_seq} stays, so nothing is notified again.
     */
    public int pruneDelivered(Instant writtenBefore, int limit) {
        return storage.write("prune delivered notifications", h -> {
            List<Long> ids = h.createQuery("SELECT n.id FROM notification n WHERE n.created_at < :before"
                            + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.notification_id = n.id"
                            + " AND d.status <> 'DELIVERED') ORDER BY n.id LIMIT :limit")
                    .bind("before", writtenBefore.toEpochMilli())
                    .bind("limit", limit)
                    .mapTo(Long.class)
                    .list();
            if (ids.isEmpty()) {
                return 0;
            }
            h.createUpdate("DELETE FROM delivery_attempt WHERE delivery_id IN"
                    + " (SELECT id FROM delivery WHERE notification_id IN (<ids>))").bindList("ids", ids).execute();
            h.createUpdate("DELETE FROM delivery WHERE notification_id IN (<ids>)").bindList("ids", ids).execute();
            return h.createUpdate("DELETE FROM notification WHERE id IN (<ids>)").bindList("ids", ids).execute();
        });
    }

    private boolean finish(DeliveryLease lease, AttemptRecord attempt, String status, Instant now) {
        return storage.write("mark delivery " + lease.deliveryId() + " " + status, h -> {
            lockMedia(h, List.of(lease.fileId()));
            insertAttempt(h, attempt);
            int count = held(h, lease, "UPDATE delivery SET status = '" + status + "', finished_at = :now,"
                    + " next_attempt_at = :now, lease_owner = NULL, lease_until = NULL" + last(attempt), now, attempt);
            if (count == 1) {
                promoteNext(h, lease.endpointId(), lease.fileId(), now);
            }
            return count == 1;
        });
    }

    /** The media's next WAITING delivery to the endpoint becomes due, unless one of its queue is open already. */
    private static void promoteNext(Handle h, long endpointId, String fileId, Instant now) {
        try {
            DeliveredBatch.promoteNext(h.getConnection(), endpointId, List.of(fileId), now);
        } catch (SQLException e) {
            throw new StoreException("promote the next delivery of FileId " + fileId + " failed: " + e.getMessage(), e);
        }
    }

    /** Locks the media rows, in a fixed order, as a media write does (PostgreSQL; SQLite has one writer). */
    private void lockMedia(Handle h, List<String> fileIds) {
        if (storage.dialect() == Dialect.SQLITE) {
            return;
        }
        h.createQuery("SELECT file_id FROM media WHERE file_id IN (<files>) ORDER BY file_id"
                        + storage.dialect().forUpdate())
                .bindList("files", fileIds)
                .mapTo(String.class)
                .list();
    }

    /**
     * Locks the delivery rows in id order (PostgreSQL), as a heartbeat's extension takes them, before a statement
     * that updates many in the order of its plan: the two would otherwise deadlock on rows taken in other orders.
     */
    private void lockDeliveries(Handle h, List<Long> ids) {
        if (storage.dialect() == Dialect.SQLITE) {
            return;
        }
        h.createQuery("SELECT id FROM delivery WHERE id IN (<ids>) ORDER BY id" + storage.dialect().forUpdate())
                .bindList("ids", ids)
                .mapTo(Long.class)
                .list();
    }

    private static String last(AttemptRecord attempt) {
        return ", last_status = " + (attempt.statusCode().isPresent() ? attempt.statusCode().getAsInt() : "NULL")
                + ", last_error = :error";
    }

    private static int held(Handle h, DeliveryLease lease, String update, Instant time) {
        return held(h, lease, update, time, null);
    }

    /** Runs {@code update} on the delivery if it is still held under the lease; 0 or 1. */
    private static int held(Handle h, DeliveryLease lease, String update, Instant time, AttemptRecord attempt) {
        var statement = h.createUpdate(update + HELD)
                .bind("id", lease.deliveryId())
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .bind("now", time.toEpochMilli());
        if (attempt != null) {
            statement.bind("error", Text.storable(Text.cut(attempt.summary(), Inbox.MAX_ERROR_LENGTH)));
        }
        int count = statement.execute();
        if (count > 1) {
            throw new IllegalStateException("changed " + count + " rows for delivery " + lease.deliveryId());
        }
        return count;
    }

    private static void insertAttempt(Handle h, AttemptRecord a) {
        h.createUpdate("INSERT INTO delivery_attempt (delivery_id, attempt, owner, started_at, latency_ms, status_code,"
                        + " outcome, response, retry_after) VALUES (:delivery, :attempt, :owner, :started, :latency,"
                        + " :status, :outcome, :response, :retryAfter)")
                .bind("delivery", a.deliveryId())
                .bind("attempt", a.attempt())
                .bind("owner", a.owner())
                .bind("started", a.startedAt().toEpochMilli())
                .bind("latency", a.latency().toMillis())
                .bind("status", a.statusCode().isPresent() ? (Integer) a.statusCode().getAsInt() : null)
                .bind("outcome", a.outcome().name())
                .bind("response", Text.storable(a.response()))
                .bind("retryAfter", Text.storable(a.retryAfter().orElse(null)))
                .execute();
    }

    static String types(Set<NotificationType> types) {
        return types.isEmpty() ? "*" : types.stream().map(NotificationType::wireName).sorted()
                .collect(Collectors.joining(",", ",", ","));
    }

    static Set<NotificationType> types(String stored) {
        if (stored.equals("*")) {
            return Set.of();
        }
        return java.util.Arrays.stream(stored.split(",")).filter(s -> !s.isBlank())
                .map(s -> NotificationType.parse(s).orElseThrow()).collect(Collectors.toSet());
    }
}
