package dev.vodhook.store.media;

import java.util.Objects;
import java.util.Optional;

/**
 * What we learned about a task. Status, error code and message apply only if the status ranks
 * higher than the stored one; file id and session id fill in when unknown; {@code startedByUs},
 * once true, stays true.
 *
 * @param kind e.g. {@code Procedure} for a task flow (ProcessMedia or an upload's procedure)
 */
public record TaskUpdate(
        String taskId,
        Optional<String> fileId,
        String kind,
        TaskStatus status,
        long errCode,
        String message,
        Optional<String> sessionId,
        boolean startedByUs) {

    public TaskUpdate {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }
}
