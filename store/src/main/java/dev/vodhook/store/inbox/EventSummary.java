package dev.vodhook.store.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * An inbox row without its body and headers, for listings.
 *
 * @param fileId the FileId the event is about, if it names one
 * @param taskId the VOD TaskId it reports on, if any
 */
public record EventSummary(
        long id,
        Instant receivedAt,
        EventSource source,
        String eventType,
        String format,
        String dedupeKey,
        EventStatus status,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> lastError,
        Optional<Instant> processedAt,
        Optional<String> fileId,
        Optional<String> taskId) {}
