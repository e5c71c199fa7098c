package dev.vodhook.store.media;

import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.internal.Text;
import dev.vodhook.store.outbox.NotificationWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The media, task and output writes, all inside one transaction opened by
 * {@link MediaStore#write}. Every write is idempotent and never moves a state backwards.
 */
public final class MediaWriter {
    /** An output recorded for a media deleted whole is deleted too: its files went with the media. */
    private static final String DELETED_WITH_MEDIA =
            "(SELECT CASE WHEN m.state = 'DELETED' THEN :now END FROM media m WHERE m.file_id = :fileId)";

    /** Outputs per multi-row statement: 16 parameters each, well within SQLite's 32766. */
    private static final int MAX_ROWS = 256;
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

    private final Handle handle;
    private final long now;
    private final NotificationWriter notifications;

    MediaWriter(Handle handle, Instant now, NotificationWriter notifications) {
        this.handle = handle;
        this.now = now.toEpochMilli();
        this.notifications = notifications;
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
        boolean moved = recordTaskRow(task);
        if (moved && task.kind().equals("Procedure") && task.fileId().filter(f -> !f.isBlank()).isPresent()) {
            String fileId = task.fileId().get();
            notifications.add(task.status().rank() < TaskStatus.FINISH.rank()
                    ? new NotificationWriter.Processing(fileId, task.taskId())
                    : new NotificationWriter.Ended(fileId, task.taskId()));
        }
        return moved;
    }

    private boolean recordTaskRow(TaskUpdate task) {
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
        recordOutputs(fileId, List.of(output));
    }

    /**
     * Records outputs of a media, as {@link #recordOutput} would one by one, in few statements: one
     * DELETE of the failures that the successes replace and one multi-row upsert of the successes,
     * then each failure (rare) on its own.
     */
    public void recordOutputs(String fileId, List<OutputRecord> outputs) {
        String file = Text.storable(fileId);
        Map<List<Object>, OutputRecord> successes = new LinkedHashMap<>();
        for (OutputRecord o : outputs) {
            if (o.succeeded()) {
                successes.remove(List.of(o.kind(), o.definition(), o.url()));
                successes.put(List.of(o.kind(), o.definition(), o.url()), o);
            }
        }
        List<OutputRecord> replacing = List.copyOf(successes.values());
        for (int from = 0; from < replacing.size(); from += MAX_ROWS) {
            recordSuccesses(file, replacing.subList(from, Math.min(replacing.size(), from + MAX_ROWS)));
        }
        for (OutputRecord o : outputs) {
            if (!o.succeeded()) {
                bindOutput(handle.createUpdate(INSERT + " SELECT" + values("") + " WHERE NOT EXISTS (SELECT 1 FROM"
                                + " media_output WHERE file_id = :fileId AND kind = :kind AND definition = :definition"
                                + " AND status = 'SUCCESS')" + UPSERT), o, "")
                        .bind("fileId", file)
                        .bind("now", now)
                        .execute();
            }
        }
    }

    /** Successes replace failures of their kind and definition, then are upserted, each in one statement. */
    private void recordSuccesses(String file, List<OutputRecord> successes) {
        StringBuilder replaced = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < successes.size(); i++) {
            replaced.append(i == 0 ? "" : " OR ").append("(kind = :kind").append(i)
                    .append(" AND definition = :definition").append(i).append(')');
            rows.append(i == 0 ? "" : ", ").append('(').append(values(String.valueOf(i))).append(')');
        }
        var delete = handle.createUpdate("DELETE FROM media_output WHERE file_id = :fileId AND status = 'FAIL' AND ("
                + replaced + ")").bind("fileId", file);
        var insert = handle.createUpdate(INSERT + " VALUES " + rows + UPSERT).bind("fileId", file).bind("now", now);
        for (int i = 0; i < successes.size(); i++) {
            OutputRecord o = successes.get(i);
            delete.bind("kind" + i, Text.storable(o.kind())).bind("definition" + i, o.definition());
            bindOutput(insert, o, String.valueOf(i));
        }
        delete.execute();
        insert.execute();
    }

    private static String values(String n) {
        return " :fileId, :kind" + n + ", :definition" + n + ", :url" + n + ", :width" + n + ", :height" + n
                + ", :bitrate" + n + ", :size" + n + ", :duration" + n + ", :container" + n + ", :status" + n + ", :errCode" + n
                + ", :errCodeExt" + n + ", :message" + n + ", :taskId" + n + ", " + DELETED_WITH_MEDIA + ", :now, :now";
    }

    private static Update bindOutput(Update update, OutputRecord output, String n) {
        return update
                .bind("kind" + n, Text.storable(output.kind()))
                .bind("definition" + n, output.definition())
                .bind("url" + n, Text.storable(output.url()))
                .bind("width" + n, output.width())
                .bind("height" + n, output.height())
                .bind("bitrate" + n, output.bitrate())
                .bind("size" + n, output.size())
                .bind("duration" + n, output.duration())
                .bind("container" + n, Text.storable(output.container()))
                .bind("status" + n, output.status().name())
                .bind("errCode" + n, output.errCode())
                .bind("errCodeExt" + n, Text.storable(output.errCodeExt()))
                .bind("message" + n, Text.storable(output.message()))
                .bind("taskId" + n, Text.storable(output.taskId()));
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
