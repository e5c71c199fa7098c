package dev.vodhook.store.media;

import static dev.vodhook.store.internal.MultiRow.chunks;
import static dev.vodhook.store.internal.MultiRow.rows;

import dev.vodhook.store.StoreException;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import dev.vodhook.store.outbox.NotificationWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The media, task and output writes, all inside one transaction opened by
 * {@link MediaStore#write}. Every write is idempotent and never moves a state backwards.
 */
public final class MediaWriter {
    private static final String MEDIA_UPSERT = "INSERT INTO media (file_id, name, media_url, state, state_rank,"
            + " procedure_task_id, source_task_id, created_at, updated_at) VALUES ";
    private static final String MEDIA_CONFLICT = " ON CONFLICT (file_id) DO UPDATE SET"
            + " name = COALESCE(media.name, excluded.name),"
            + " media_url = COALESCE(media.media_url, excluded.media_url),"
            + " procedure_task_id = COALESCE(media.procedure_task_id, excluded.procedure_task_id),"
            + " source_task_id = COALESCE(media.source_task_id, excluded.source_task_id),"
            + " state = CASE WHEN excluded.state_rank > media.state_rank THEN excluded.state ELSE media.state END,"
            + " state_rank = CASE WHEN excluded.state_rank > media.state_rank"
            + "   THEN excluded.state_rank ELSE media.state_rank END,"
            + " updated_at = excluded.updated_at";
    private static final String TASK_INSERT = "INSERT INTO task (task_id, file_id, kind, status, status_rank, err_code,"
            + " message, session_id, started_by_us, created_at, updated_at) VALUES ";
    private static final String INSERT = "INSERT INTO media_output (file_id, kind, definition, url, width, height,"
            + " bitrate, size, duration, container, status, err_code, err_code_ext, message, task_id, deleted_at,"
            + " created_at, updated_at)";
    private static final String UPSERT = " ON CONFLICT (file_id, kind, definition, url) DO UPDATE SET"
            + " width = excluded.width, height = excluded.height, bitrate = excluded.bitrate,"
            + " size = excluded.size, duration = excluded.duration, container = excluded.container,"
            + " status = excluded.status, err_code = excluded.err_code, err_code_ext = excluded.err_code_ext,"
            + " message = excluded.message,"
            + " deleted_at = CASE WHEN media_output.task_id = excluded.task_id"
            + "   THEN COALESCE(media_output.deleted_at, excluded.deleted_at) ELSE excluded.deleted_at END,"
            + " task_id = excluded.task_id, updated_at = excluded.updated_at";

    /** An output's values; one recorded for a media deleted whole is deleted too: its files went with the media. */
    private static final String OUTPUT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " (SELECT CASE WHEN m.state = 'DELETED' THEN ? END FROM media m WHERE m.file_id = ?), ?, ?";
    private static final String FAILURE_SQL = INSERT + " SELECT " + OUTPUT_VALUES + " WHERE NOT EXISTS (SELECT 1"
            + " FROM media_output WHERE file_id = ? AND kind = ? AND definition = ? AND status = 'SUCCESS')" + UPSERT;
    /** The statements of the media upsert and the task writes by row count, made once. */
    private static final Map<Integer, String> MEDIA_SQL = new ConcurrentHashMap<>();
    private static final Map<Integer, String> TASK_INSERT_SQL = new ConcurrentHashMap<>();
    private static final Map<Integer, String> TASK_ADVANCE_SQL = new ConcurrentHashMap<>();
    private static final Map<Integer, String> TASK_FILL_SQL = new ConcurrentHashMap<>();
    /** The statements of {@link #recordSuccesses} by row count, made once. */
    private static final Map<Integer, String[]> SUCCESS_SQL = new ConcurrentHashMap<>();

    private final Storage storage;
    private final Handle handle;
    private final long now;
    private final NotificationWriter notifications;
    private int notified;

    MediaWriter(Storage storage, Handle handle, Instant now, NotificationWriter notifications) {
        this.storage = storage;
        this.handle = handle;
        this.now = now.toEpochMilli();
        this.notifications = notifications;
    }

    /** The transaction these writes are made in. */
    Handle handle() {
        return handle;
    }

    /**
     * The writes of several events that share no file and no task, together: the media in one statement, the tasks
     * in three at most, the successful outputs in two (each per 256 rows).
     */
    void apply(List<MediaWrites> events) {
        upsertMedia(events.stream().flatMap(w -> w.media().stream()).toList());
        recordTasks(events.stream().flatMap(w -> w.tasks().stream()).toList());
        Map<String, List<OutputRecord>> outputs = new LinkedHashMap<>();
        for (MediaWrites w : events) {
            if (!w.outputs().isEmpty()) {
                outputs.put(w.media().orElseThrow().fileId(), w.outputs());
            }
        }
        recordOutputs(outputs);
    }

    /** Writes the notifications of the changes made since the last time (see {@link NotificationWriter}). */
    void flushNotifications() {
        notified += notifications.flush();
    }

    /** How many notifications {@link #flushNotifications} wrote in all. */
    int notified() {
        return notified;
    }

    /**
     * A NewFileUpload: {@link #upsertMedia}, and {@code media.uploaded} if it is the media's first notification.
     *
     * @param sourceContext the upload's SourceContext, "" when none
     */
    public void recordUpload(MediaUpdate media, String sourceContext) {
        upsertMedia(media);
        notifications.add(new NotificationWriter.Uploaded(media.fileId(), sourceContext == null ? "" : sourceContext));
    }

    /**
     * A media a task made (its {@code sourceTaskId}, of kind PullUpload, EditMedia or ComposeMedia):
     * {@link #upsertMedia}, and {@code media.created} if it is the media's first notification.
     */
    public void recordMadeMedia(MediaUpdate media, String sourceTaskKind) {
        upsertMedia(media);
        notifications.add(new NotificationWriter.Created(media.fileId(), media.sourceTaskId().orElseThrow(() ->
                new IllegalArgumentException("a made media names the task that made it")), sourceTaskKind));
    }

    /**
     * Creates the media or fills in what it lacks (a name, URL or procedure already known is kept,
     * so the order events arrive in does not matter); moves its state forward only.
     */
    public void upsertMedia(MediaUpdate media) {
        upsertMedia(List.of(media));
    }

    /** {@link #upsertMedia(MediaUpdate)} of media with distinct file ids, in one statement per 256 rows. */
    void upsertMedia(List<MediaUpdate> media) {
        List<MediaUpdate> sorted = media.stream().sorted(Comparator.comparing(MediaUpdate::fileId)).toList();
        for (List<MediaUpdate> rows : chunks(sorted)) {
            String sql = MEDIA_SQL.computeIfAbsent(rows.size(),
                    n -> MEDIA_UPSERT + rows(n, i -> "(?, ?, ?, ?, ?, ?, ?, ?, ?)") + MEDIA_CONFLICT);
            jdbc("upsert " + rows.size() + " media", sql, upsert -> {
                int p = 1;
                for (MediaUpdate m : rows) {
                    upsert.setString(p++, Text.storable(m.fileId()));
                    upsert.setString(p++, Text.storable(m.name().orElse(null)));
                    upsert.setString(p++, Text.storable(m.mediaUrl().orElse(null)));
                    upsert.setString(p++, m.state().name());
                    upsert.setInt(p++, m.state().rank());
                    upsert.setString(p++, Text.storable(m.procedureTaskId().orElse(null)));
                    upsert.setString(p++, Text.storable(m.sourceTaskId().orElse(null)));
                    upsert.setLong(p++, now);
                    upsert.setLong(p++, now);
                }
                return upsert.executeUpdate();
            });
        }
    }

    /**
     * A NewFileUpload started nothing on the media, for {@code reason}: the media (created UPLOADED if unknown,
     * its state otherwise unchanged) keeps the reason and the time until {@link #clearSkip}.
     */
    public void recordSkip(String fileId, String reason) {
        upsertMedia(MediaUpdate.state(fileId, MediaState.UPLOADED));
        handle.createUpdate("UPDATE media SET skip_reason = :reason, skipped_at = :now, updated_at = :now"
                        + " WHERE file_id = :fileId")
                .bind("fileId", Text.storable(fileId))
                .bind("reason", Text.storable(Text.cut(reason, Inbox.MAX_ERROR_LENGTH)))
                .bind("now", now)
                .execute();
    }

    /** Work was started on the media after all: the reason it was skipped no longer holds. */
    public void clearSkip(String fileId) {
        handle.createUpdate("UPDATE media SET skip_reason = NULL, skipped_at = NULL"
                        + " WHERE file_id = :fileId AND skip_reason IS NOT NULL")
                .bind("fileId", Text.storable(fileId))
                .execute();
    }

    /**
     * Records a task's status. Returns true when the status was new or moved forward, false when
     * the stored status is already as far or further (a late or repeated event). A task flow
     * ({@code Procedure}) of a media that moves forward is notified: {@code media.processing} while it
     * runs, {@code media.ready} or {@code media.failed} once it ended.
     */
    public boolean recordTask(TaskUpdate task) {
        return !recordTasks(List.of(task)).isEmpty();
    }

    /** {@link #recordTask} of tasks with distinct task ids, in three statements at most; the ids of those moved. */
    Set<String> recordTasks(List<TaskUpdate> tasks) {
        Set<String> moved = new HashSet<>();
        List<TaskUpdate> sorted = tasks.stream().sorted(Comparator.comparing(TaskUpdate::taskId)).toList();
        for (List<TaskUpdate> rows : chunks(sorted)) {
            Set<String> inserted = insertTasks(rows);
            moved.addAll(inserted);
            List<TaskUpdate> known = rows.stream().filter(t -> !inserted.contains(t.taskId())).toList();
            if (!known.isEmpty()) {
                moved.addAll(advanceTasks(known));
                fillInTasks(known);
            }
        }
        for (TaskUpdate task : tasks) {
            if (moved.contains(task.taskId()) && task.kind().equals("Procedure")
                    && task.fileId().filter(f -> !f.isBlank()).isPresent()) {
                String fileId = task.fileId().get();
                notifications.add(task.status().rank() < TaskStatus.FINISH.rank()
                        ? new NotificationWriter.Processing(fileId, task.taskId())
                        : new NotificationWriter.Ended(fileId, task.taskId()));
            }
        }
        return moved;
    }

    /** The tasks not stored yet, inserted; their ids. */
    private Set<String> insertTasks(List<TaskUpdate> rows) {
        String sql = TASK_INSERT_SQL.computeIfAbsent(rows.size(), n -> TASK_INSERT + rows(n,
                i -> "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") + " ON CONFLICT (task_id) DO NOTHING RETURNING task_id");
        return jdbc("insert " + rows.size() + " tasks", sql, insert -> {
            int p = 1;
            for (TaskUpdate t : rows) {
                insert.setString(p++, Text.storable(t.taskId()));
                insert.setString(p++, Text.storable(t.fileId().orElse(null)));
                insert.setString(p++, Text.storable(t.kind()));
                p = bindStatus(insert, p, t);
                insert.setString(p++, Text.storable(t.sessionId().orElse(null)));
                insert.setBoolean(p++, t.startedByUs());
                insert.setLong(p++, now);
                insert.setLong(p++, now);
            }
            return taskIds(insert);
        });
    }

    /** Stored tasks whose status ranks lower, moved forward; their ids. */
    private Set<String> advanceTasks(List<TaskUpdate> rows) {
        String sql = TASK_ADVANCE_SQL.computeIfAbsent(rows.size(), n -> "WITH v (task_id, status, status_rank,"
                + " err_code, message) AS (VALUES " + rows(n, i -> "(?, ?, ?, ?, ?)")
                + ") UPDATE task SET status = v.status, status_rank = v.status_rank, err_code = v.err_code,"
                + " message = v.message, updated_at = ? FROM v"
                + " WHERE task.task_id = v.task_id AND task.status_rank < v.status_rank RETURNING task.task_id");
        return jdbc("advance " + rows.size() + " tasks", sql, advance -> {
            int p = 1;
            for (TaskUpdate t : rows) {
                advance.setString(p++, Text.storable(t.taskId()));
                p = bindStatus(advance, p, t);
            }
            advance.setLong(p, now);
            return taskIds(advance);
        });
    }

    /** Stored tasks get the file and session they lack, and stay started by us once they were. */
    private void fillInTasks(List<TaskUpdate> rows) {
        String sql = TASK_FILL_SQL.computeIfAbsent(rows.size(), n -> "WITH v (task_id, file_id, session_id,"
                + " started_by_us) AS (VALUES " + rows(n, i -> "(?, ?, ?, ?)")
                + ") UPDATE task SET file_id = COALESCE(task.file_id, v.file_id),"
                + " session_id = COALESCE(task.session_id, v.session_id),"
                + " started_by_us = (task.started_by_us OR v.started_by_us) FROM v WHERE task.task_id = v.task_id");
        jdbc("fill in " + rows.size() + " tasks", sql, fill -> {
            int p = 1;
            for (TaskUpdate t : rows) {
                fill.setString(p++, Text.storable(t.taskId()));
                fill.setString(p++, Text.storable(t.fileId().orElse(null)));
                fill.setString(p++, Text.storable(t.sessionId().orElse(null)));
                fill.setBoolean(p++, t.startedByUs());
            }
            return fill.executeUpdate();
        });
    }

    /** Binds a task's status, rank, error code and message from parameter {@code p}; the next parameter's index. */
    private static int bindStatus(PreparedStatement s, int p, TaskUpdate t) throws SQLException {
        s.setString(p++, t.status().name());
        s.setInt(p++, t.status().rank());
        s.setLong(p++, t.errCode());
        s.setString(p++, Text.storable(t.message()));
        return p;
    }

    private static Set<String> taskIds(PreparedStatement returning) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (ResultSet rs = returning.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private <T> T jdbc(String what, String sql, Storage.StatementUse<T> use) {
        return storage.statement(handle, what, sql, use);
    }

    /** Records one output of a media; see {@link OutputRecord} for the idempotence rules. */
    public void recordOutput(String fileId, OutputRecord output) {
        recordOutputs(fileId, List.of(output));
    }

    /**
     * Records outputs of a media, as {@link #recordOutput} would one by one, in few statements: one
     * DELETE of the failures that the successes replace and one multi-row upsert of the successes,
     * then each failure (rare) on its own.
     */
    public void recordOutputs(String fileId, List<OutputRecord> outputs) {
        recordOutputs(Map.of(fileId, outputs));
    }

    /** {@link #recordOutputs(String, List)} of several media, their successes in the same statements. */
    void recordOutputs(Map<String, List<OutputRecord>> byFile) {
        List<FileOutput> replacing = new ArrayList<>();
        for (var file : byFile.entrySet()) {
            Map<List<Object>, OutputRecord> successes = new LinkedHashMap<>();
            for (OutputRecord o : file.getValue()) {
                if (o.succeeded()) {
                    successes.remove(List.of(o.kind(), o.definition(), o.url()));
                    successes.put(List.of(o.kind(), o.definition(), o.url()), o);
                }
            }
            successes.values().forEach(o -> replacing.add(new FileOutput(Text.storable(file.getKey()), o)));
        }
        chunks(replacing).forEach(this::recordSuccesses);
        for (var file : byFile.entrySet()) {
            for (OutputRecord o : file.getValue()) {
                if (!o.succeeded()) {
                    recordFailure(new FileOutput(Text.storable(file.getKey()), o));
                }
            }
        }
    }

    /** A failure, unless its kind and definition succeeded already. */
    private void recordFailure(FileOutput failure) {
        try {
            storage.withStatement(handle, FAILURE_SQL, insert -> {
                int p = bindOutput(insert, 1, failure);
                insert.setString(p++, failure.fileId());
                insert.setString(p++, Text.storable(failure.output().kind()));
                insert.setInt(p, failure.output().definition());
                return insert.executeUpdate();
            });
        } catch (SQLException e) {
            throw new StoreException("record a failed output failed: " + e.getMessage(), e);
        }
    }

    /** An output with the media it belongs to. */
    private record FileOutput(String fileId, OutputRecord output) {}

    /**
     * Successes replace failures of their kind and definition, then are upserted, each in one statement. Plain JDBC
     * with positional parameters and the SQL made once per row count: through JDBI, rendering, parsing and binding
     * by name the upsert's 16 parameters a row cost as much CPU as SQLite's writing of the rows.
     */
    private void recordSuccesses(List<FileOutput> successes) {
        String[] sql = SUCCESS_SQL.computeIfAbsent(successes.size(), MediaWriter::successStatements);
        try {
            storage.withStatement(handle, sql[0], delete -> {
                int p = 1;
                for (FileOutput o : successes) {
                    delete.setString(p++, o.fileId());
                    delete.setString(p++, Text.storable(o.output().kind()));
                    delete.setInt(p++, o.output().definition());
                }
                return delete.executeUpdate();
            });
            storage.withStatement(handle, sql[1], insert -> {
                int p = 1;
                for (FileOutput o : successes) {
                    p = bindOutput(insert, p, o);
                }
                return insert.executeUpdate();
            });
        } catch (SQLException e) {
            throw new StoreException("record " + successes.size() + " outputs failed: " + e.getMessage(), e);
        }
    }

    /** The DELETE of replaced failures and the upsert, for {@code count} successes. */
    private static String[] successStatements(int count) {
        return new String[] {
            "DELETE FROM media_output WHERE status = 'FAIL' AND ("
                    + rows(count, n -> "(file_id = ? AND kind = ? AND definition = ?)").replace(", ", " OR ") + ")",
            INSERT + " VALUES " + rows(count, n -> "(" + OUTPUT_VALUES + ")") + UPSERT
        };
    }

    /** Binds the {@link #OUTPUT_VALUES} of an output from parameter {@code p}; the next parameter's index. */
    private int bindOutput(PreparedStatement s, int p, FileOutput file) throws SQLException {
        OutputRecord o = file.output();
        s.setString(p++, file.fileId());
        s.setString(p++, Text.storable(o.kind()));
        s.setInt(p++, o.definition());
        s.setString(p++, Text.storable(o.url()));
        s.setInt(p++, o.width());
        s.setInt(p++, o.height());
        s.setLong(p++, o.bitrate());
        s.setLong(p++, o.size());
        s.setDouble(p++, o.duration());
        s.setString(p++, Text.storable(o.container()));
        s.setString(p++, o.status().name());
        s.setLong(p++, o.errCode());
        s.setString(p++, Text.storable(o.errCodeExt()));
        s.setString(p++, Text.storable(o.message()));
        s.setString(p++, Text.storable(o.taskId()));
        s.setLong(p++, now);
        s.setString(p++, file.fileId());
        s.setLong(p++, now);
        s.setLong(p++, now);
        return p;
    }

    /**
     * The media was deleted whole: DELETED for good (created so if unknown, so that a late upload or
     * task event cannot bring it back), and every output of it stamped deleted.
     */
    public void deleteMedia(String fileId) {
        int moved = handle.createUpdate("UPDATE media SET state = 'DELETED', state_rank = :rank, updated_at = :now"
                        + " WHERE file_id = :fileId AND state_rank < :rank")
                .bind("fileId", Text.storable(fileId))
                .bind("rank", MediaState.DELETED.rank())
                .bind("now", now)
                .execute();
        if (moved == 1) {
            notifications.add(new NotificationWriter.Deleted(fileId, true, false, List.of()));
        } else {
            upsertMedia(MediaUpdate.state(fileId, MediaState.DELETED));
        }
        handle.createUpdate("UPDATE media_output SET deleted_at = :now, updated_at = :now"
                        + " WHERE file_id = :fileId AND deleted_at IS NULL")
                .bind("fileId", Text.storable(fileId))
                .bind("now", now)
                .execute();
    }

    /**
     * Stamps the successful outputs of one kind as deleted: those of {@code definition}, or all of that
     * kind when it is 0. Returns how many were stamped now (0 when none were recorded, or all already were).
     */
    public int deleteOutputs(String fileId, String kind, int definition) {
        List<OutputRecord> stamped = handle.createQuery("UPDATE media_output SET deleted_at = :now, updated_at = :now"
                        + " WHERE file_id = :fileId AND kind = :kind AND (:definition = 0 OR definition = :definition)"
                        + " AND status = 'SUCCESS' AND deleted_at IS NULL RETURNING kind, definition, url")
                .bind("fileId", Text.storable(fileId))
                .bind("kind", Text.storable(kind))
                .bind("definition", definition)
                .bind("now", now)
                .map((rs, ctx) -> new OutputRecord("", rs.getString("kind"), rs.getInt("definition"),
                        rs.getString("url"), 0, 0, 0, 0, 0, "", OutputStatus.SUCCESS, 0, "", ""))
                .list();
        if (!stamped.isEmpty()) {
            notifications.add(new NotificationWriter.Deleted(fileId, false, false, stamped));
        }
        return stamped.size();
    }

    /** The media's original file was deleted on its own; the media (created if unknown) and its outputs stay. */
    public void deleteOriginal(String fileId) {
        upsertMedia(MediaUpdate.state(fileId, MediaState.UPLOADED));
        int stamped = handle.createUpdate("UPDATE media SET original_deleted_at = :now, updated_at = :now"
                        + " WHERE file_id = :fileId AND original_deleted_at IS NULL")
                .bind("fileId", Text.storable(fileId))
                .bind("now", now)
                .execute();
        if (stamped == 1) {
            notifications.add(new NotificationWriter.Deleted(fileId, false, true, List.of()));
        }
    }
}
