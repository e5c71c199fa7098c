package dev.vodhook.store;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The media, task and output writes, all inside one transaction opened by
 * {@link MediaStore#write}. Every write is idempotent and never moves a state backwards.
 */
public final class MediaWriter {
    /** An output recorded for a media deleted whole is deleted too: its files went with the media. */
    private static final String DELETED_WITH_MEDIA =
            "(SELECT CASE WHEN m.state = 'DELETED' THEN :now END FROM media m WHERE m.file_id = :fileId)";

    private final Handle handle;
    private final long now;

    MediaWriter(Handle handle, Instant now) {
        this.handle = handle;
        this.now = now.toEpochMilli();
    }

    /**
     * Creates the media or fills in what it lacks (a name, URL or procedure already known is kept,
     * so the order events arrive in does not matter); moves its state forward only.
     */
    public void upsertMedia(MediaUpdate media) {
        handle.createUpdate("INSERT INTO media (file_id, name, media_url, state, state_rank, procedure_task_id,"
                        + " source_task_id, created_at, updated_at)"
                        + " VALUES (:fileId, :name, :mediaUrl, :state, :rank, :procedureTaskId, :sourceTaskId, :now, :now)"
                        + " ON CONFLICT (file_id) DO UPDATE SET"
                        + " name = COALESCE(media.name, excluded.name),"
                        + " media_url = COALESCE(media.media_url, excluded.media_url),"
                        + " procedure_task_id = COALESCE(media.procedure_task_id, excluded.procedure_task_id),"
                        + " source_task_id = COALESCE(media.source_task_id, excluded.source_task_id),"
                        + " state = CASE WHEN excluded.state_rank > media.state_rank"
                        + "   THEN excluded.state ELSE media.state END,"
                        + " state_rank = CASE WHEN excluded.state_rank > media.state_rank"
                        + "   THEN excluded.state_rank ELSE media.state_rank END,"
                        + " updated_at = excluded.updated_at")
                .bind("fileId", Text.storable(media.fileId()))
                .bind("name", Text.storable(media.name().orElse(null)))
                .bind("mediaUrl", Text.storable(media.mediaUrl().orElse(null)))
                .bind("state", media.state().name())
                .bind("rank", media.state().rank())
                .bind("procedureTaskId", Text.storable(media.procedureTaskId().orElse(null)))
                .bind("sourceTaskId", Text.storable(media.sourceTaskId().orElse(null)))
                .bind("now", now)
                .execute();
    }

    /**
     * Records a task's status. Returns true when the status was new or moved forward, false when
     * the stored status is already as far or further (a late or repeated event).
     */
    public boolean recordTask(TaskUpdate task) {
        String taskId = Text.storable(task.taskId());
        String fileId = Text.storable(task.fileId().orElse(null));
        String sessionId = Text.storable(task.sessionId().orElse(null));
        int inserted = handle.createUpdate("INSERT INTO task (task_id, file_id, kind, status, status_rank, err_code,"
                        + " message, session_id, started_by_us, created_at, updated_at)"
                        + " VALUES (:taskId, :fileId, :kind, :status, :rank, :errCode, :message, :sessionId,"
                        + " :startedByUs, :now, :now)"
                        + " ON CONFLICT (task_id) DO NOTHING")
                .bind("taskId", taskId)
                .bind("fileId", fileId)
                .bind("kind", Text.storable(task.kind()))
                .bind("status", task.status().name())
                .bind("rank", task.status().rank())
                .bind("errCode", task.errCode())
                .bind("message", Text.storable(task.message()))
                .bind("sessionId", sessionId)
                .bind("startedByUs", task.startedByUs())
                .bind("now", now)
                .execute();
        if (inserted == 1) {
            return true;
        }
        int advanced = handle.createUpdate("UPDATE task SET status = :status, status_rank = :rank,"
                        + " err_code = :errCode, message = :message, updated_at = :now"
                        + " WHERE task_id = :taskId AND status_rank < :rank")
                .bind("taskId", taskId)
                .bind("status", task.status().name())
                .bind("rank", task.status().rank())
                .bind("errCode", task.errCode())
                .bind("message", Text.storable(task.message()))
                .bind("now", now)
                .execute();
        handle.createUpdate("UPDATE task SET file_id = COALESCE(file_id, :fileId),"
                        + " session_id = COALESCE(session_id, :sessionId),"
                        + " started_by_us = (started_by_us OR :startedByUs)"
                        + " WHERE task_id = :taskId")
                .bind("taskId", taskId)
                .bind("fileId", fileId)
                .bind("sessionId", sessionId)
                .bind("startedByUs", task.startedByUs())
                .execute();
        return advanced == 1;
    }

    /** Records one output of a media; see {@link OutputRecord} for the idempotence rules. */
    public void recordOutput(String fileId, OutputRecord output) {
        String file = Text.storable(fileId);
        String kind = Text.storable(output.kind());
        String insert = "INSERT INTO media_output (file_id, kind, definition, url, width, height, bitrate, size,"
                + " duration, container, status, err_code, err_code_ext, message, task_id, deleted_at, created_at,"
                + " updated_at)";
        String values = " :fileId, :kind, :definition, :url, :width, :height, :bitrate, :size, :duration,"
                + " :container, :status, :errCode, :errCodeExt, :message, :taskId, " + DELETED_WITH_MEDIA + ", :now, :now";
        String upsert = " ON CONFLICT (file_id, kind, definition, url) DO UPDATE SET"
                + " width = excluded.width, height = excluded.height, bitrate = excluded.bitrate,"
                + " size = excluded.size, duration = excluded.duration, container = excluded.container,"
                + " status = excluded.status, err_code = excluded.err_code, err_code_ext = excluded.err_code_ext,"
                + " message = excluded.message,"
                + " deleted_at = CASE WHEN media_output.task_id = excluded.task_id"
                + "   THEN COALESCE(media_output.deleted_at, excluded.deleted_at) ELSE excluded.deleted_at END,"
                + " task_id = excluded.task_id, updated_at = excluded.updated_at";
        String sql;
        if (output.succeeded()) {
            handle.createUpdate("DELETE FROM media_output WHERE file_id = :fileId AND kind = :kind"
                            + " AND definition = :definition AND status = 'FAIL'")
                    .bind("fileId", file)
                    .bind("kind", kind)
                    .bind("definition", output.definition())
                    .execute();
            sql = insert + " VALUES (" + values + ")" + upsert;
        } else {
            sql = insert + " SELECT" + values + " WHERE NOT EXISTS (SELECT 1 FROM media_output"
                    + " WHERE file_id = :fileId AND kind = :kind AND definition = :definition AND status = 'SUCCESS')"
                    + upsert;
        }
        handle.createUpdate(sql)
                .bind("fileId", file)
                .bind("kind", kind)
                .bind("definition", output.definition())
                .bind("url", Text.storable(output.url()))
                .bind("width", output.width())
                .bind("height", output.height())
                .bind("bitrate", output.bitrate())
                .bind("size", output.size())
                .bind("duration", output.duration())
                .bind("container", Text.storable(output.container()))
                .bind("status", output.status().name())
                .bind("errCode", output.errCode())
                .bind("errCodeExt", Text.storable(output.errCodeExt()))
                .bind("message", Text.storable(output.message()))
                .bind("taskId", Text.storable(output.taskId()))
                .bind("now", now)
                .execute();
    }

    /**
     * The media was deleted whole: DELETED for good (created so if unknown, so that a late upload or
     * task event cannot bring it back), and every output of it stamped deleted.
     */
    public void deleteMedia(String fileId) {
        upsertMedia(MediaUpdate.state(fileId, MediaState.DELETED));
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
        return handle.createUpdate("UPDATE media_output SET deleted_at = :now, updated_at = :now"
                        + " WHERE file_id = :fileId AND kind = :kind AND (:definition = 0 OR definition = :definition)"
                        + " AND status = 'SUCCESS' AND deleted_at IS NULL")
                .bind("fileId", Text.storable(fileId))
                .bind("kind", Text.storable(kind))
                .bind("definition", definition)
                .bind("now", now)
                .execute();
    }

    /** The media's original file was deleted on its own; the media (created if unknown) and its outputs stay. */
    public void deleteOriginal(String fileId) {
        upsertMedia(MediaUpdate.state(fileId, MediaState.UPLOADED));
        handle.createUpdate("UPDATE media SET original_deleted_at = COALESCE(original_deleted_at, :now),"
                        + " updated_at = :now WHERE file_id = :fileId")
                .bind("fileId", Text.storable(fileId))
                .bind("now", now)
                .execute();
    }
}
