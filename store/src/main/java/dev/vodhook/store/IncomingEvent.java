package dev.vodhook.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An event as received, to be appended to the inbox.
 *
 * @param format    the wire format, e.g. {@code V3} or {@code V2}
 * @param dedupeKey unique per logical event; a second event with the same key is a duplicate
 * @param body      the request body, verbatim
 * @param headers   the request headers worth keeping (stored as a JSON object)
 */
public record IncomingEvent(
        Instant receivedAt,
        EventSource source,
        String eventType,
        String format,
        String dedupeKey,
        String body,
        Map<String, String> headers) {

    public IncomingEvent {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }
}
