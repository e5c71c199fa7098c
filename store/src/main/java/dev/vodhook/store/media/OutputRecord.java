package dev.vodhook.store.media;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One output of a media: a transcode, a cover, a snapshot... A failed sub-task is an output with
 * status FAIL and an empty url. Recording is idempotent per (file, kind, definition, url); a
 * success removes earlier failures of the same (file, kind, definition), and a failure is not
 * recorded where a success exists.
 *
 * <p>{@code deletedAt} is read, never written through this record: FileDeleted stamps outputs with
 * {@link MediaWriter#deleteOutputs} and {@link MediaWriter#deleteMedia}; recording an output again from
 * the same task keeps its stamp, recording it from another task (made again) clears it.
 *
 * @param definition the template id, 0 when unknown
 * @param taskId     the task that produced it, "" when unknown
 * @param deletedAt  when FileDeleted removed it from VOD, if it did
 */
public record OutputRecord(
        String taskId,
        String kind,
        int definition,
        String url,
        int width,
        int height,
        long bitrate,
        long size,
        double duration,
        String container,
        OutputStatus status,
        long errCode,
        String errCodeExt,
        String message,
        Optional<Instant> deletedAt) {

    public OutputRecord {
        taskId = taskId == null ? "" : taskId;
        Objects.requireNonNull(kind, "kind");
        url = url == null ? "" : url;
        container = container == null ? "" : container;
        Objects.requireNonNull(status, "status");
        errCodeExt = errCodeExt == null ? "" : errCodeExt;
        message = message == null ? "" : message;
        Objects.requireNonNull(deletedAt, "deletedAt");
    }

    /** An output as a sub-task reports it: not deleted. */
    public OutputRecord(String taskId, String kind, int definition, String url, int width, int height, long bitrate,
            long size, double duration, String container, OutputStatus status, long errCode, String errCodeExt,
            String message) {
        this(taskId, kind, definition, url, width, height, bitrate, size, duration, container, status, errCode,
                errCodeExt, message, Optional.empty());
    }

    public boolean deleted() {
        return deletedAt.isPresent();
    }

    public boolean succeeded() {
        return status == OutputStatus.SUCCESS;
    }
}
