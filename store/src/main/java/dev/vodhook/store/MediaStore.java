package dev.vodhook.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/** Media, their tasks and their outputs: what the processor learned from events, for the read side. */
public final class MediaStore {
    private static final String TASK_COLUMNS = "task_id, file_id, kind, status, err_code, message, session_id,"
            + " started_by_us, created_at, updated_at";

    private final Storage storage;

    MediaStore(Storage storage) {
        this.storage = storage;
    }

    /** Runs several writes in one transaction, all stamped {@code now}. */
    public void write(Instant now, Consumer<MediaWriter> work) {
        storage.write("write media", h -> {
            work.accept(new MediaWriter(h, now));
            return null;
        });
    }

    public void upsertMedia(MediaUpdate media, Instant now) {
        write(now, w -> w.upsertMedia(media));
    }

    /** See {@link MediaWriter#recordTask}. */
    public boolean recordTask(TaskUpdate task, Instant now) {
        return storage.write("record task " + task.taskId(), h -> new MediaWriter(h, now).recordTask(task));
    }

    public void recordOutputs(String fileId, List<OutputRecord> outputs, Instant now) {
        write(now, w -> outputs.forEach(o -> w.recordOutput(fileId, o)));
    }

    public Optional<MediaView> findMedia(String fileId) {
        return storage.read("find media " + fileId, h -> h.inTransaction(tx -> media(tx, fileId)));
    }

    public Optional<StoredTask> findTask(String taskId) {
        return storage.read("find task " + taskId, h -> h.createQuery(
                        "SELECT " + TASK_COLUMNS + " FROM task WHERE task_id = :taskId")
                .bind("taskId", taskId)
                .map((rs, ctx) -> task(rs))
                .findOne());
    }

    private static Optional<MediaView> media(Handle h, String fileId) {
        Optional<MediaRow> row = h.createQuery("SELECT file_id, name, media_url, state, procedure_task_id,"
                        + " created_at, updated_at FROM media WHERE file_id = :fileId")
                .bind("fileId", fileId)
                .map((rs, ctx) -> new MediaRow(
                        rs.getString("file_id"),
                        Optional.ofNullable(rs.getString("name")),
                        MediaState.valueOf(rs.getString("state")),
                        Optional.ofNullable(rs.getString("media_url")),
                        Optional.ofNullable(rs.getString("procedure_task_id")),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        Instant.ofEpochMilli(rs.getLong("updated_at"))))
                .findOne();
        return row.map(m -> {
            List<StoredTask> tasks = h.createQuery("SELECT " + TASK_COLUMNS + " FROM task"
                            + " WHERE file_id = :fileId ORDER BY created_at DESC, task_id")
                    .bind("fileId", fileId)
                    .map((rs, ctx) -> task(rs))
                    .list();
            Optional<String> taskId = tasks.isEmpty() ? m.procedureTaskId() : Optional.of(tasks.getFirst().taskId());
            return new MediaView(m.fileId(), m.name(), m.state(), m.mediaUrl(), m.procedureTaskId(), taskId,
                    outputs(h, fileId), tasks, m.createdAt(), m.updatedAt());
        });
    }

    private record MediaRow(
            String fileId,
            Optional<String> name,
            MediaState state,
            Optional<String> mediaUrl,
            Optional<String> procedureTaskId,
            Instant createdAt,
            Instant updatedAt) {}

    private static List<OutputRecord> outputs(Handle h, String fileId) {
        return h.createQuery("SELECT task_id, kind, definition, url, width, height, bitrate, size, duration,"
                        + " container, status, err_code, err_code_ext, message FROM media_output"
                        + " WHERE file_id = :fileId ORDER BY kind, definition, url")
                .bind("fileId", fileId)
                .map((rs, ctx) -> new OutputRecord(
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
                        rs.getString("message")))
                .list();
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
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
