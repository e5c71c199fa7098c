package dev.vodhook.store.inbox;

import dev.vodhook.store.internal.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What went through the inbox over time, for the console's overview: events received and finished per minute,
 * and the latest failures. Every query is a range over an index (V5), so its cost follows the window asked for,
 * not the size of the inbox.
 */
public final class InboxActivity {
    private static final String SUMMARY_COLUMNS = "id, received_at, source, event_type, format, dedupe_key,"
            + " status, attempts, next_attempt_at, last_error, processed_at, file_id, task_id";

    private final Storage storage;

    public InboxActivity(Storage storage) {
        this.storage = storage;
    }

    /** Events received from {@code from} on, per minute and source (key: PUSH, PULL, RECONCILE); oldest first. */
    public List<MinuteCount> receivedPerMinute(Instant from) {
        return perMinute("count received events", "SELECT received_at / 60000 AS minute, source AS k, COUNT(*) AS n"
                + " FROM inbox WHERE received_at >= :from GROUP BY received_at / 60000, source ORDER BY 1, 2", from);
    }

    /**
     * Events that became DONE or DEAD from {@code from} on, per minute (key: DONE, DEAD), as they stand now: an
     * event replayed since is counted again when it finishes again, and DONE events pruned are no longer counted.
     */
    public List<MinuteCount> finishedPerMinute(Instant from) {
        // only DONE and DEAD events have a processed_at; naming them would lead SQLite to the status index,
        // which reads every DONE row instead of the minutes asked for
        return perMinute("count finished events", "SELECT processed_at / 60000 AS minute, status AS k, COUNT(*) AS n"
                + " FROM inbox WHERE processed_at >= :from GROUP BY processed_at / 60000, status ORDER BY 1, 2", from);
    }

    /** The newest events that failed: DEAD, or waiting for a retry after an error; newest first. */
    public List<EventSummary> latestFailures(int limit) {
        // one status at a time, each the newest first along its index, so that few rows are read
        List<EventSummary> failures = new ArrayList<>();
        for (String status : List.of("DEAD", "PENDING")) {
            failures.addAll(storage.read("list latest failures", h -> h.createQuery("SELECT " + SUMMARY_COLUMNS
                            + " FROM inbox WHERE status = :status AND last_error IS NOT NULL ORDER BY id DESC LIMIT :limit")
                    .bind("status", status)
                    .bind("limit", limit)
                    .map((rs, ctx) -> InboxRows.summary(rs))
                    .list()));
        }
        failures.sort(Comparator.comparingLong(EventSummary::id).reversed());
        return List.copyOf(failures.subList(0, Math.min(limit, failures.size())));
    }

    private List<MinuteCount> perMinute(String what, String sql, Instant from) {
        return storage.read(what, h -> h.createQuery(sql)
                .bind("from", from.toEpochMilli())
                .map((rs, ctx) -> new MinuteCount(Instant.ofEpochMilli(rs.getLong("minute") * 60_000), rs.getString("k"),
                        rs.getLong("n")))
                .list());
    }
}
