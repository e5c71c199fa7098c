package dev.vodhook.store.media;

import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.Lease;
import dev.vodhook.store.internal.Columns;
import dev.vodhook.store.internal.MultiRow;
import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import dev.vodhook.store.outbox.NotificationWriter;
import dev.vodhook.store.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** Media, their tasks and their outputs: what the processor learned from events, for the read side. */
public final class MediaStore {
    private static final String OUTPUT_COLUMNS = "task_id, kind, definition, url, width, height, bitrate, size,"
            + " duration, container, status, err_code, err_code_ext, message, deleted_at";
    private static final String TASK_COLUMNS = "task_id, file_id, kind, status, err_code, message, session_id,"
            + " started_by_us, created_at, updated_at, checked_at, check_error, given_up_reason";
    /** Tasks we started that have not ended and that the reconciler has not given up on. */
    private static final String OPEN_OURS = "started_by_us AND status_rank < 2 AND given_up_at IS NULL";

    private final Storage storage;
    private final Inbox inbox;
    private final Outbox outbox;

    public MediaStore(Storage storage, Inbox inbox, Outbox outbox) {
        this.storage = storage;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /**
     * Runs several writes in one transaction, all stamped {@code now}, with the notifications of the state changes
     * they make (see {@link NotificationWriter}); the outbox's listeners hear of them once committed.
     */
    public void write(Instant now, Consumer<MediaWriter> work) {
        write("write media", now, w -> {
            work.accept(w);
            return null;
        });
    }

    /**
     * The writes of several events (in the order they were received) in one transaction, all stamped {@code now},
     * with the effect {@link #write} would have made of them one event after the other. Events that share no file
     * and no task are written together, in multi-row statements, and their notifications in one round; an event
     * that shares one with an earlier event goes into a later round, so that each file and task sees its writes in
     * order. All or nothing: a write that fails fails them all.
     */
    public void writeAll(Instant now, List<MediaWrites> events) {
        writeAll(now, events, List.of());
    }

    /**
     * {@link #writeAll(Instant, List)}, and in the same transaction the events still held under {@code done}
     * marked DONE ({@link Inbox#markAllDone(List, Instant)}): their effects and their marks commit together, or
     * neither does. Returns the ids marked; an event whose lease was lost is written and not marked.
     */
    public Set<Long> writeAll(Instant now, List<MediaWrites> events, List<Lease> done) {
        List<List<MediaWrites>> rounds = rounds(events);
        return write("write media of " + events.size() + " events", now, w -> {
            for (List<MediaWrites> round : rounds) {
                w.apply(round);
                w.flushNotifications();
            }
            return done.isEmpty() ? Set.<Long>of() : inbox.markAllDone(w.handle(), done, now);
        });
    }

    /** The events in rounds, each of events that share no key, each event after those it shares a key with. */
    static List<List<MediaWrites>> rounds(List<MediaWrites> events) {
        Map<String, Integer> lastRound = new HashMap<>();
        List<List<MediaWrites>> rounds = new ArrayList<>();
        for (MediaWrites event : events) {
            int round = event.keys().mapToInt(k -> lastRound.getOrDefault(k, -1) + 1).max().orElse(0);
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(event);
            event.keys().forEach(k -> lastRound.put(k, round));
        }
        return rounds;
    }

    private <T> T write(String what, Instant now, java.util.function.Function<MediaWriter, T> work) {
        int[] notified = new int[1];
        T result = storage.write(what, h -> {
            MediaWriter writer = new MediaWriter(storage, h, now, outbox.writer(h, now));
            T r = work.apply(writer);
            writer.flushNotifications();
            notified[0] = writer.notified();
            return r;
        });
        if (notified[0] > 0) {
            outbox.notified();
        }
        return result;
    }

    public void upsertMedia(MediaUpdate media, Instant now) {
        write(now, w -> w.upsertMedia(media));
    }

    /** See {@link MediaWriter#recordTask}. */
    public boolean recordTask(TaskUpdate task, Instant now) {
        return write("record task " + task.taskId(), now, w -> w.recordTask(task));
    }

    public void recordOutputs(String fileId, List<OutputRecord> outputs, Instant now) {
        write(now, w -> w.recordOutputs(fileId, outputs));
    }

    public Optional<MediaView> findMedia(String fileId) {
        return storage.read("find media " + fileId, h -> h.inTransaction(tx -> media(tx, fileId)));
    }

    public Optional<StoredTask> findTask(String taskId) {
        return storage.read("find task " + taskId, h -> task(h, taskId));
    }

    public static Optional<StoredTask> task(Handle h, String taskId) {
        return h.createQuery("SELECT " + TASK_COLUMNS + " FROM task WHERE task_id = :taskId")
                .bind("taskId", Text.storable(taskId))
                .map((rs, ctx) -> task(rs))
                .findOne();
    }

    /**
     * Tasks vodhook started that have not ended, whose status has not moved and that nobody asked VOD
     * about since {@code quietSince}; the quietest first.
     */
    public List<StoredTask> quietTasks(Instant quietSince, int limit) {
        return storage.read("find quiet tasks", h -> h.createQuery("SELECT " + TASK_COLUMNS + " FROM task"
                        + " WHERE " + OPEN_OURS + " AND updated_at <= :since"
                        + " AND (checked_at IS NULL OR checked_at <= :since)"
                        + " ORDER BY updated_at, task_id LIMIT :limit")
                .bind("since", quietSince.toEpochMilli())
                .bind("limit", limit)
                .map((rs, ctx) -> task(rs))
                .list());
    }

    /**
     * Claims a quiet task for one check by the reconciler: stamps it checked now if it is still open and
     * still quiet since {@code quietSince}. One conditional UPDATE, so of several instances only one asks
     * VOD; false when the task is someone else's now, has moved, or has ended.
     */
    public boolean claimCheck(String taskId, Instant quietSince, Instant now) {
        int count = storage.write("claim check of task " + taskId, h -> h.createUpdate(
                        "UPDATE task SET checked_at = :now, check_error = NULL WHERE task_id = :taskId AND " + OPEN_OURS
                                + " AND updated_at <= :since AND (checked_at IS NULL OR checked_at <= :since)")
                .bind("taskId", Text.storable(taskId))
                .bind("since", quietSince.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .execute());
        if (count > 1) {
            throw new IllegalStateException("claimed " + count + " tasks with TaskId " + taskId);
        }
        return count == 1;
    }

    /** Why the reconciler's last question about a task got no answer; it asks again once the task is quiet again. */
    public void recordCheckError(String taskId, String error) {
        storage.write("record check error of task " + taskId, h -> h.createUpdate(
                        "UPDATE task SET check_error = :error WHERE task_id = :taskId")
                .bind("taskId", Text.storable(taskId))
                .bind("error", Text.storable(Text.cut(error, Inbox.MAX_ERROR_LENGTH)))
                .execute());
    }

    /**
     * The reconciler stops asking about a task, for {@code reason}; its status stays as it was, so a
     * late event can still finish it. False when the task has ended or was given up already.
     */
    public boolean giveUp(String taskId, String reason, Instant now) {
        return storage.write("give up task " + taskId, h -> h.createUpdate(
                        "UPDATE task SET given_up_at = :now, given_up_reason = :reason, checked_at = :now"
                                + " WHERE task_id = :taskId AND " + OPEN_OURS)
                .bind("taskId", Text.storable(taskId))
                .bind("reason", Text.storable(Text.cut(reason, Inbox.MAX_ERROR_LENGTH)))
                .bind("now", now.toEpochMilli())
                .execute() == 1);
    }

    private static Optional<MediaView> media(Handle h, String fileId) {
        Optional<MediaRow> row = h.createQuery("SELECT file_id, name, media_url, state, procedure_task_id,"
                        + " source_task_id, original_deleted_at, skip_reason, skipped_at, created_at, updated_at"
                        + " FROM media"
                        + " WHERE file_id = :fileId")
                .bind("fileId", fileId)
                .map((rs, ctx) -> new MediaRow(
                        rs.getString("file_id"),
                        Optional.ofNullable(rs.getString("name")),
                        MediaState.valueOf(rs.getString("state")),
                        Optional.ofNullable(rs.getString("media_url")),
                        Optional.ofNullable(rs.getString("procedure_task_id")),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("updated_at")),
                        Optional.ofNullable(rs.getString("source_task_id")),
                        Columns.instant(rs, "original_deleted_at"),
                        Optional.ofNullable(rs.getString("skip_reason")),
                        Columns.instant(rs, "skipped_at")))
                .findOne();
        return row.map(m -> {
            List<StoredTask> tasks = h.createQuery("SELECT " + TASK_COLUMNS + " FROM task"
                            + " WHERE file_id = :fileId ORDER BY created_at DESC, task_id")
                    .bind("fileId", fileId)
                    .map((rs, ctx) -> task(rs))
                    .list();
            Optional<String> taskId = tasks.isEmpty() ? m.procedureTaskId() : Optional.of(tasks.getFirst().taskId());
            return new MediaView(m.fileId(), m.name(), m.state(), m.mediaUrl(), m.procedureTaskId(), taskId,
                    outputs(h, fileId), tasks, m.createdAt(), m.updatedAt(), m.sourceTaskId(), m.originalDeletedAt(),
                    m.skipReason(), m.skippedAt());
        });
    }

    private record MediaRow(
            String fileId,
            Optional<String> name,
            MediaState state,
            Optional<String> mediaUrl,
            Optional<String> procedureTaskId,
            Instant createdAt,
            Instant updatedAt,
            Optional<String> sourceTaskId,
            Optional<Instant> originalDeletedAt,
            Optional<String> skipReason,
            Optional<Instant> skippedAt) {}

    public static List<OutputRecord> outputs(Handle h, String fileId) {
        return h.createQuery("SELECT " + OUTPUT_COLUMNS + " FROM media_output WHERE file_id = :fileId"
                        + " ORDER BY kind, definition, url")
                .bind("fileId", fileId)
                .map((rs, ctx) -> output(rs))
                .list();
    }

    /**
     * The outputs of these media (stored file ids, as many as one IN list holds), as {@link #outputs(Handle, String)}
     * orders them, by file id; read inside the transaction of {@code h}, with plain JDBC (every notification round
     * reads them).
     */
    public static Map<String, List<OutputRecord>> outputs(Storage storage, Handle h, List<String> fileIds) {
        Map<String, List<OutputRecord>> outputs = new HashMap<>();
        readIn(storage, h, "read the outputs of " + fileIds.size() + " media", "SELECT file_id, " + OUTPUT_COLUMNS
                + " FROM media_output WHERE file_id IN (" + MultiRow.rows(fileIds.size(), n -> "?") + ")"
                + " ORDER BY file_id, kind, definition, url", fileIds,
                rs -> outputs.computeIfAbsent(rs.getString("file_id"), f -> new ArrayList<>()).add(output(rs)));
        return outputs;
    }

    /** The tasks of these task ids that are stored (as many as one IN list holds), as {@link #outputs} reads. */
    public static List<StoredTask> tasks(Storage storage, Handle h, List<String> taskIds) {
        List<StoredTask> tasks = new ArrayList<>();
        readIn(storage, h, "read " + taskIds.size() + " tasks", "SELECT " + TASK_COLUMNS + " FROM task WHERE task_id"
                + " IN (" + MultiRow.rows(taskIds.size(), n -> "?") + ")", taskIds, rs -> tasks.add(task(rs)));
        return tasks;
    }

    /** A row of a result. */
    private interface RowUse {
        void use(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql}, whose parameters are the stored forms of {@code keys}, and hands each row to {@code row}. */
    private static void readIn(Storage storage, Handle h, String what, String sql, List<String> keys, RowUse row) {
        storage.statement(h, what, sql, select -> {
            for (int i = 0; i < keys.size(); i++) {
                select.setString(i + 1, Text.storable(keys.get(i)));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    row.use(rs);
                }
            }
            return null;
        });
    }

    private static OutputRecord output(ResultSet rs) throws SQLException {
        return new OutputRecord(
                rs.getString("task_id"),
                rs.getString("kind"),
                rs.getInt("definition"),
                rs.getString("url"),
                rs.getInt("width"),
                rs.getInt("height"),
                rs.getLong("bitrate"),
                rs.getLong("size"),
                rs.getDouble("duration"),
                rs.getString("container"),
                OutputStatus.valueOf(rs.getString("status")),
                rs.getLong("err_code"),
                rs.getString("err_code_ext"),
                rs.getString("message"),
                Columns.instant(rs, "deleted_at"));
    }

    private static StoredTask task(ResultSet rs) throws SQLException {
        return new StoredTask(
                rs.getString("task_id"),
                Optional.ofNullable(rs.getString("file_id")),
                rs.getString("kind"),
                TaskStatus.valueOf(rs.getString("status")),
                rs.getLong("err_code"),
                Optional.ofNullable(rs.getString("message")).orElse(""),
                Optional.ofNullable(rs.getString("session_id")),
                rs.getBoolean("started_by_us"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                Columns.instant(rs, "checked_at"),
                Optional.ofNullable(rs.getString("check_error")),
                Optional.ofNullable(rs.getString("given_up_reason")));
    }
}
