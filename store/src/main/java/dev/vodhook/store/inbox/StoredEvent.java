package dev.vodhook.store.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * An inbox row in full: the raw event and its processing state.
 *
 * @param fileId the FileId the event is about, if it names one
 * @param taskId the VOD TaskId it reports on, if any
 */
public record StoredEvent(
        long id,
        Instant receivedAt,
        EventSource source,
        String eventType,
        String format,
        String dedupeKey,
        String body,
        Map<String, String> headers,
        EventStatus status,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> leaseOwner,
        Optional<Instant> leaseUntil,
        Optional<String> lastError,
        Optional<Instant> processedAt,
        Optional<String> fileId,
        Optional<String> taskId) {

    public EventSummary summary() {
        return new EventSummary(id, receivedAt, source, eventType, format, dedupeKey, status, attempts,
                nextAttemptAt, lastError, processedAt, fileId, taskId);
    }
}
