package dev.vodhook.store.media;

import java.time.Instant;
import java.util.Optional;

/**
 * A task row. {@code updatedAt} is when its status last moved.
 *
 * @param checkedAt     when the reconciler last asked VOD about it
 * @param checkError    why that question got no answer, if it did not
 * @param givenUpReason why the reconciler stopped asking, if it did
 */
public record StoredTask(
        String taskId,
        Optional<String> fileId,
        String kind,
        TaskStatus status,
        long errCode,
        String message,
        Optional<String> sessionId,
        boolean startedByUs,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> checkedAt,
        Optional<String> checkError,
        Optional<String> givenUpReason) {}
