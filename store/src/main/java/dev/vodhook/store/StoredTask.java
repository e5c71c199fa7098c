package dev.vodhook.store;

import java.time.Instant;
import java.util.Optional;

/** A task row. {@code updatedAt} is when its status last moved. */
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
        Instant updatedAt) {}
