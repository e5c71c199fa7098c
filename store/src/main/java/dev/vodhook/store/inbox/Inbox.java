package dev.vodhook.store.inbox;

import dev.vodhook.store.Dialect;
import dev.vodhook.store.StoreException;
import dev.vodhook.store.internal.MultiRow;
import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The durable raw event log, which is also the work queue. Events are appended before they are
 * acknowledged, claimed by workers with a lease, and finished as DONE, retried later, or DEAD.
 *
 * <p>The store has no clock: callers pass the time, so tests control it.
 */
public final class Inbox {
    /** Longer error texts are cut to this many characters. */
    public static final int MAX_ERROR_LENGTH = 4000;
    /** Rows per INSERT statement in {@link #appendAll}: 10 parameters each, within SQLite's 32766. */
    static final int ROWS_PER_INSERT = 256;

    private static final String COLUMNS = "id, received_at, source, event_type, format, dedupe_key, body, headers,"
            + " status, attempts, next_attempt_at, lease_owner, lease_until, last_error, processed_at, file_id,"
            + " task_id";
    private static final String SUMMARY_COLUMNS = "id, received_at, source, event_type, format, dedupe_key,"
            + " status, attempts, next_attempt_at, last_error, processed_at, file_id, task_id";
    private static final String HELD = " WHERE id = :id AND status = 'PROCESSING' AND lease_owner = :owner"
            + " AND attempts = :attempt";

    private final Storage storage;
    /**
     * The claim, with positional parameters (plain JDBC: through JDBI, rendering and binding it by name cost more
     * than SQLite's work for a small claim). The picked ids are a materialised CTE, evaluated once: with a plain IN
     * (sub-select ... LIMIT n FOR UPDATE SKIP LOCKED) PostgreSQL may re-run the sub-select per row, skip the rows
     * this very statement just locked, and so claim far more than n.
     */
    private final String claimSql;

    public Inbox(Storage storage) {
        this.storage = storage;
        String due = "status IN ('PENDING', 'PROCESSING') AND next_attempt_at <= ?";
        this.claimSql = "WITH picked AS MATERIALIZED (SELECT id FROM inbox" + storage.dialect().byDueIndex()
                + " WHERE " + due + " ORDER BY next_attempt_at, id LIMIT ?" + storage.dialect().skipLocked() + ")"
                + " UPDATE inbox SET status = 'PROCESSING', attempts = attempts + 1, lease_owner = ?,"
                + " lease_until = ?, next_attempt_at = ? WHERE id IN (SELECT id FROM picked) AND " + due
                + " RETURNING " + COLUMNS;
    }

    /** Appends an event unless one with the same dedupe key exists; committed on return. */
    public AppendResult append(IncomingEvent event) {
        return storage.write("append event", h -> insert(h, event));
    }

    /**
     * Appends several events in one transaction (one commit); results in the same order. The rows
     * go in with multi-row INSERTs of up to {@link #ROWS_PER_INSERT} rows through one prepared
     * statement each, which costs far less per event than one statement per row. An event whose
     * dedupe key is already stored, or appears earlier in the same list, is a duplicate.
     */
    public List<AppendResult> appendAll(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return storage.write("append " + events.size() + " events", h -> {
            try {
                return MultiRowInsert.append(storage, h, events, ROWS_PER_INSERT);
            } catch (SQLException e) {
                throw new StoreException("append " + events.size() + " events failed: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Appends several events in one transaction like {@link #appendAll}, but each under its own
     * savepoint: an event the database refuses is rolled back alone and reported as failed, and the
     * others commit together. Slower than {@code appendAll}; meant for retrying a batch that failed,
     * so that one bad row cannot fail its neighbours. Throws {@link StoreException} only when the
     * transaction as a whole fails (no connection, the commit failed).
     */
    public List<AppendOutcome> appendEach(List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        return storage.write("append " + events.size() + " events one by one", h -> {
            List<AppendOutcome> outcomes = new ArrayList<>(events.size());
            for (IncomingEvent event : events) {
                String savepoint = "append_" + outcomes.size();
                h.savepoint(savepoint);
                try {
                    outcomes.add(AppendOutcome.appended(insert(h, event)));
                    h.releaseSavepoint(savepoint);
                } catch (RuntimeException e) {
                    h.rollbackToSavepoint(savepoint); // and forgotten: the commit ends it
                    outcomes.add(AppendOutcome.failed(e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
            return outcomes;
        });
    }

    /**
     * Claims up to {@code limit} due events for {@code owner}: PENDING events whose next attempt
     * time has come, and PROCESSING events whose lease has expired (their worker died). One
     * conditional UPDATE; on PostgreSQL the rows are picked with SKIP LOCKED so concurrent
     * claimers never wait for or take each other's rows. Each claim counts as an attempt.
     */
    public List<ClaimedEvent> claimDue(String owner, Instant now, Duration lease, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        long until = now.plus(lease).toEpochMilli();
        List<StoredEvent> claimed = storage.write("claim due events", h -> storage.statement(h, "claim due events",
                claimSql, claim -> {
                    claim.setLong(1, now.toEpochMilli());
                    claim.setInt(2, limit);
                    claim.setString(3, owner);
                    claim.setLong(4, until);
                    claim.setLong(5, until);
                    claim.setLong(6, now.toEpochMilli());
                    List<StoredEvent> events = new ArrayList<>();
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            events.add(InboxRows.event(rs));
                        }
                    }
                    return events;
                }));
        if (claimed.size() > limit) {
            throw new IllegalStateException("claimed " + claimed.size() + " events with limit " + limit);
        }
        List<ClaimedEvent> result = new ArrayList<>(claimed.size());
        for (StoredEvent event : claimed) {
            if (!event.leaseOwner().equals(Optional.of(owner))) {
                throw new IllegalStateException("claimed event " + event.id() + " is leased to " + event.leaseOwner());
            }
            result.add(new ClaimedEvent(event, new Lease(event.id(), owner, event.attempts(),
                    Instant.ofEpochMilli(until))));
        }
        result.sort(Comparator.comparingLong(ClaimedEvent::id));
        return result;
    }

    /** Marks a held event DONE. False when the lease was lost (expired and claimed again). */
    public boolean markDone(Lease lease, Instant now) {
        return update(lease, "mark done", "UPDATE inbox SET status = 'DONE', processed_at = :now,"
                + " lease_owner = NULL, lease_until = NULL, next_attempt_at = :now" + HELD, now, null);
    }

    /**
     * Marks several held events DONE in one statement (a processor finishing a batch); returns the ids
     * marked. An event whose lease was lost (expired and claimed again) is left alone and not returned.
     */
    public Set<Long> markAllDone(List<Lease> leases, Instant now) {
        if (leases.isEmpty()) {
            return Set.of();
        }
        return storage.write("mark " + leases.size() + " events done", h -> markAllDone(h, leases, now));
    }

    /**
     * {@link #markAllDone(List, Instant)} inside a write transaction of the caller's, so that the events' effects
     * and their DONE marks commit together (a processor recording a claim).
     */
    public Set<Long> markAllDone(Handle h, List<Lease> leases, Instant now) {
        Set<Long> marked = new HashSet<>();
        for (int from = 0; from < leases.size(); from += ROWS_PER_INSERT) {
            marked.addAll(markDone(h, leases.subList(from, Math.min(leases.size(), from + ROWS_PER_INSERT)), now));
        }
        return marked;
    }

    private List<Long> markDone(Handle h, List<Lease> leases, Instant now) {
        return updateHeld(h, leases, "UPDATE inbox SET status = 'DONE', processed_at = ?, lease_owner = NULL,"
                + " lease_until = NULL, next_attempt_at = ?", now, "marked done");
    }

    /**
     * Extends the leases of held events to {@code until} (a worker's heartbeat while their handlers run), and
     * returns the ids extended. An event whose lease was lost (expired and claimed again, or finished) is left
     * alone and not returned. The attempt number still fences: a lease is the same lease after it is extended.
     */
    public Set<Long> extendLeases(List<Lease> leases, Instant until) {
        Set<Long> extended = new HashSet<>();
        for (int from = 0; from < leases.size(); from += ROWS_PER_INSERT) {
            List<Lease> chunk = leases.subList(from, Math.min(leases.size(), from + ROWS_PER_INSERT));
            extended.addAll(storage.write("extend " + chunk.size() + " leases", h -> updateHeld(h, chunk,
                    "UPDATE inbox SET lease_until = ?, next_attempt_at = ?", until, "extended")));
        }
        return extended;
    }

    /**
     * Runs {@code update} (an UPDATE whose every parameter is {@code now}, and no WHERE) on the events still held
     * under {@code leases}: PROCESSING, by the lease's owner, at the lease's attempt; returns the ids changed. Plain
     * JDBC with positional parameters: it runs for every claim.
     */
    private List<Long> updateHeld(Handle h, List<Lease> leases, String update, Instant now, String what) {
        int nows = (int) update.chars().filter(c -> c == '?').count();
        // "id IN (...)" leads the planner to the primary key; the OR of leases alone made PostgreSQL's
        // generic plan walk the whole due index, a cost that grew with the backlog
        String sql = update + " WHERE id IN (" + MultiRow.rows(leases.size(), n -> "?") + ") AND status = 'PROCESSING'"
                + " AND (" + MultiRow.rows(leases.size(), n -> "(id = ? AND lease_owner = ? AND attempts = ?)")
                        .replace("), (", ") OR (") + ") RETURNING id";
        List<Long> ids = new ArrayList<>(leases.size());
        storage.statement(h, "update of " + leases.size() + " held events (" + what + ")", sql, statement -> {
            int p = 1;
            for (int i = 0; i < nows; i++) {
                statement.setLong(p++, now.toEpochMilli());
            }
            for (Lease lease : leases) {
                statement.setLong(p++, lease.eventId());
            }
            for (Lease lease : leases) {
                statement.setLong(p++, lease.eventId());
                statement.setString(p++, lease.owner());
                statement.setInt(p++, lease.attempt());
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return null;
        });
        if (ids.size() > leases.size()) {
            throw new IllegalStateException(what + " " + ids.size() + " events for " + leases.size() + " leases");
        }
        return ids;
    }

    /** Puts a held event back as PENDING, due at {@code nextAttemptAt}, with its error. */
    public boolean markFailed(Lease lease, String error, Instant nextAttemptAt) {
        return update(lease, "mark failed", "UPDATE inbox SET status = 'PENDING', next_attempt_at = :now,"
                + " last_error = :error, lease_owner = NULL, lease_until = NULL" + HELD, nextAttemptAt, error);
    }

    /** Gives up on a held event: DEAD, with its last error, until an operator replays it. */
    public boolean markDead(Lease lease, String error, Instant now) {
        return update(lease, "mark dead", "UPDATE inbox SET status = 'DEAD', processed_at = :now,"
                + " last_error = :error, lease_owner = NULL, lease_until = NULL, next_attempt_at = :now" + HELD,
                now, error);
    }

    /** Hands back a held event that was never started (shutdown): PENDING, due now, attempt not counted. */
    public boolean release(Lease lease, Instant now) {
        return update(lease, "release", "UPDATE inbox SET status = 'PENDING', attempts = attempts - 1,"
                + " next_attempt_at = :now, lease_owner = NULL, lease_until = NULL" + HELD, now, null);
    }

    /**
     * Puts an event back to PENDING, due now, with a fresh attempt budget: a DEAD event to try
     * again, a DONE one to run its handler again (handlers are idempotent), a PENDING one to run
     * now. A PROCESSING event is left to its worker.
     */
    public ReplayResult replay(long id, Instant now) {
        return storage.write("replay event " + id, h -> {
            int count = h.createUpdate("UPDATE inbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now,"
                            + " lease_owner = NULL, lease_until = NULL, processed_at = NULL"
                            + " WHERE id = :id AND status IN ('PENDING', 'DONE', 'DEAD')")
                    .bind("id", id)
                    .bind("now", now.toEpochMilli())
                    .execute();
            if (atMostOne(count, "replay", id)) {
                return ReplayResult.REPLAYED;
            }
            boolean exists = h.createQuery("SELECT COUNT(*) FROM inbox WHERE id = :id")
                    .bind("id", id).mapTo(Long.class).one() > 0;
            return exists ? ReplayResult.IN_PROGRESS : ReplayResult.NOT_FOUND;
        });
    }

    /** Replays every DEAD event the filter matches (its status is ignored); returns how many. */
    public int replayDead(EventFilter filter, Instant now) {
        return replayAll(filter.withStatus(EventStatus.DEAD), now);
    }

    /**
     * Replays every event the filter matches, as {@link #replay} does one: back to PENDING, due
     * now, with a fresh attempt budget; returns how many. The filter must name a status other than
     * PROCESSING (those events belong to their worker), so that a replay never takes more than asked.
     */
    public int replayAll(EventFilter filter, Instant now) {
        EventStatus status = filter.status().orElseThrow(() ->
                new IllegalArgumentException("a bulk replay needs a status (DEAD, DONE or PENDING)"));
        if (status == EventStatus.PROCESSING) {
            throw new IllegalArgumentException("PROCESSING events are being handled and cannot be replayed");
        }
        EventFilterSql where = EventFilterSql.of(filter);
        return storage.write("replay " + status + " events", h -> where.bind(h.createUpdate(
                        "UPDATE inbox SET status = 'PENDING', attempts = 0, next_attempt_at = :now,"
                                + " lease_owner = NULL, lease_until = NULL, processed_at = NULL" + where.sql()))
                .bind("now", now.toEpochMilli())
                .execute());
    }

    /**
     * Deletes up to {@code limit} DONE events received before {@code receivedBefore}, oldest first;
     * returns how many. Their dedupe keys go with them, so a delivery of the same event after this
     * would be taken as new: keep events for longer than VOD may deliver again (4 days).
     */
    public int pruneDone(Instant receivedBefore, int limit) {
        return storage.write("prune done events", h -> h.createUpdate("DELETE FROM inbox WHERE id IN"
                        + " (SELECT id FROM inbox WHERE status = 'DONE' AND received_at < :before ORDER BY id LIMIT"
                        + " :limit)")
                .bind("before", receivedBefore.toEpochMilli())
                .bind("limit", limit)
                .execute());
    }

    /**
     * Deletes every event the filter matches, which must name the status DEAD or DONE (an operator
     * clearing events that will not be replayed); returns how many.
     */
    public int purge(EventFilter filter) {
        EventStatus status = filter.status().orElseThrow(() ->
                new IllegalArgumentException("a purge needs a status (DEAD or DONE)"));
        if (status != EventStatus.DEAD && status != EventStatus.DONE) {
            throw new IllegalArgumentException(status + " events are still to be handled and cannot be purged");
        }
        EventFilterSql where = EventFilterSql.of(filter);
        return storage.write("purge " + status + " events", h -> where.bind(h.createUpdate(
                "DELETE FROM inbox" + where.sql())).execute());
    }

    public Optional<StoredEvent> find(long id) {
        return storage.read("find event " + id, h -> h.createQuery("SELECT " + COLUMNS + " FROM inbox WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> InboxRows.event(rs))
                .findOne());
    }

    /** Events matching the filter, newest first. */
    public List<EventSummary> list(EventFilter filter, int limit) {
        EventFilterSql where = EventFilterSql.of(filter);
        return storage.read("list events", h -> where.bind(h.createQuery(
                        "SELECT " + SUMMARY_COLUMNS + " FROM inbox" + where.sql() + " ORDER BY id DESC LIMIT :limit"))
                .bind("limit", limit)
                .map((rs, ctx) -> InboxRows.summary(rs))
                .list());
    }

    /** How many events the filter matches (its {@code beforeId} too, if set). */
    public long count(EventFilter filter) {
        EventFilterSql where = EventFilterSql.of(filter);
        return storage.read("count events", h -> where.bind(h.createQuery("SELECT COUNT(*) FROM inbox" + where.sql()))
                .mapTo(Long.class)
                .one());
    }

    /** Up to {@code limit} events about the FileId, in the order they were received (a media's timeline). */
    public List<EventSummary> aboutFile(String fileId, int limit) {
        return storage.read("list events about " + fileId, h -> h.createQuery("SELECT " + SUMMARY_COLUMNS
                        + " FROM inbox WHERE file_id = :fileId ORDER BY id LIMIT :limit")
                .bind("fileId", Text.storable(fileId))
                .bind("limit", limit)
                .map((rs, ctx) -> InboxRows.summary(rs))
                .list());
    }

    /**
     * The body of the first stored event of {@code eventType} about each FileId that has one (e.g. each media's
     * NewFileUpload), by FileId.
     */
    public Map<String, String> firstBodies(String eventType, Collection<String> fileIds) {
        if (fileIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = fileIds.stream().distinct().map(Text::storable).toList();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            marks.append(i == 0 ? ":f0" : ", :f" + i);
        }
        Map<String, String> bodies = new HashMap<>();
        storage.read("find " + eventType + " bodies", h -> {
            // SQLite, without statistics, would walk every event of the type rather than the few of these files
            String byFile = storage.dialect() == Dialect.SQLITE ? " INDEXED BY inbox_file" : "";
            var query = h.createQuery("SELECT file_id, body FROM inbox" + byFile + " WHERE file_id IN (" + marks + ")"
                    + " AND event_type = :type ORDER BY id").bind("type", Text.storable(eventType));
            for (int i = 0; i < ids.size(); i++) {
                query.bind("f" + i, ids.get(i));
            }
            return query.map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        }).forEach(e -> bodies.putIfAbsent(e.getKey(), e.getValue()));
        return bodies;
    }

    /** How many events are in each status (every status present, zero if none). */
    public Map<EventStatus, Long> countByStatus() {
        Map<EventStatus, Long> counts = new EnumMap<>(EventStatus.class);
        for (EventStatus status : EventStatus.values()) {
            counts.put(status, 0L);
        }
        storage.read("count events", h -> h.createQuery("SELECT status, COUNT(*) AS n FROM inbox GROUP BY status")
                        .map((rs, ctx) -> Map.entry(EventStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                        .list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /**
     * When the next PENDING event falls due or the next lease expires, if any: the first entry of the partial index
     * of due rows (SQLite, left to itself, counted every PENDING row by the index on status).
     */
    public Optional<Instant> nextDueAt() {
        return storage.read("next due time", h -> h.createQuery("SELECT MIN(next_attempt_at) FROM inbox"
                        + storage.dialect().byDueIndex() + " WHERE status IN ('PENDING', 'PROCESSING')")
                .map((rs, ctx) -> {
                    long millis = rs.getLong(1);
                    return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(millis));
                })
                .one());
    }

    private static AppendResult insert(Handle h, IncomingEvent event) {
        Optional<Long> id = h.createQuery("INSERT INTO inbox (received_at, source, event_type, format, dedupe_key,"
                        + " body, headers, status, attempts, next_attempt_at, file_id, task_id)"
                        + " VALUES (:receivedAt, :source, :eventType, :format, :dedupeKey, :body, :headers,"
                        + " 'PENDING', 0, :receivedAt, :fileId, :taskId)"
                        + " ON CONFLICT (dedupe_key) DO NOTHING RETURNING id")
                .bind("receivedAt", event.receivedAt().toEpochMilli())
                .bind("source", event.source().name())
                .bind("eventType", Text.storable(event.eventType()))
                .bind("format", Text.storable(event.format()))
                .bind("dedupeKey", Text.storable(event.dedupeKey()))
                .bind("body", Text.storable(event.body()))
                .bind("headers", InboxRows.headersJson(event.headers()))
                .bind("fileId", Text.storable(event.fileId().orElse(null)))
                .bind("taskId", Text.storable(event.taskId().orElse(null)))
                .mapTo(Long.class)
                .findOne();
        if (id.isPresent()) {
            return new AppendResult(id.get(), false);
        }
        long existing = h.createQuery("SELECT id FROM inbox WHERE dedupe_key = :dedupeKey")
                .bind("dedupeKey", Text.storable(event.dedupeKey()))
                .mapTo(Long.class)
                .one();
        return new AppendResult(existing, true);
    }

    private boolean update(Lease lease, String what, String sql, Instant time, String error) {
        return storage.write(what + " event " + lease.eventId(), h -> {
            var update = h.createUpdate(sql)
                    .bind("id", lease.eventId())
                    .bind("owner", lease.owner())
                    .bind("attempt", lease.attempt())
                    .bind("now", time.toEpochMilli());
            if (error != null) {
                update.bind("error", Text.storable(Text.cut(error, MAX_ERROR_LENGTH)));
            }
            return atMostOne(update.execute(), what, lease.eventId());
        });
    }

    /** 0 rows: not ours (any more); 1: done; more: a bug, since ids are unique. */
    private static boolean atMostOne(int count, String what, long id) {
        if (count > 1) {
            throw new IllegalStateException(what + " changed " + count + " rows for event " + id);
        }
        return count == 1;
    }
}
