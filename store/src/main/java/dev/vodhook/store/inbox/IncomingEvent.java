package dev.vodhook.store.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as received, to be appended to the inbox.
 *
 * @param format    the wire format, e.g. {@code V3} or {@code V2}
 * @param dedupeKey unique per logical event; a second event with the same key is a duplicate
 * @param body      the request body, verbatim
 * @param headers   the request headers worth keeping (stored as a JSON object)
 * @param fileId    the FileId the event is about, if it names one (indexed: a media's timeline, search)
 * @param taskId    the VOD TaskId it reports on, if any (indexed: search)
 */
public record IncomingEvent(
        Instant receivedAt,
        EventSource source,
        String eventType,
        String format,
        String dedupeKey,
        String body,
        Map<String, String> headers,
        Optional<String> fileId,
        Optional<String> taskId) {

    public IncomingEvent {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
        fileId = fileId.filter(id -> !id.isBlank());
        taskId = taskId.filter(id -> !id.isBlank());
    }

    /** An event that names no FileId or TaskId (or whose caller does not say). */
    public IncomingEvent(Instant receivedAt, EventSource source, String eventType, String format, String dedupeKey,
            String body, Map<String, String> headers) {
        this(receivedAt, source, eventType, format, dedupeKey, body, headers, Optional.empty(), Optional.empty());
    }
}
