package dev.vodhook.store;

import java.util.Objects;

/**
 * One output of a media: a transcode, a cover, a snapshot... A failed sub-task is an output with
 * status FAIL and an empty url. Recording is idempotent per (file, kind, definition, url); a
 * success removes earlier failures of the same (file, kind, definition), and a failure is not
 * recorded where a success exists.
 *
 * @param definition the template id, 0 when unknown
 * @param taskId     the task that produced it, "" when unknown
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
        String message) {

    public OutputRecord {
        taskId = taskId == null ? "" : taskId;
        Objects.requireNonNull(kind, "kind");
        url = url == null ? "" : url;
        container = container == null ? "" : container;
        Objects.requireNonNull(status, "status");
        errCodeExt = errCodeExt == null ? "" : errCodeExt;
        message = message == null ? "" : message;
    }

    public boolean succeeded() {
        return status == OutputStatus.SUCCESS;
    }
}
