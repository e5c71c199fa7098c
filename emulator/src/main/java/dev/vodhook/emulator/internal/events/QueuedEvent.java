package dev.vodhook.emulator.internal.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * An event waiting in an application's PULL queue.
 *
 * @param handle     the handle of the latest delivery; empty until first pulled
 * @param visibleAt  when PullEvents may return it (again): the enqueue time, then the last pull + visibility timeout
 * @param deliveries how many times PullEvents has returned it
 */
record QueuedEvent(long id, EmittedEvent event, Instant enqueuedAt, Optional<String> handle, Instant visibleAt,
                   int deliveries) {

    static final String VISIBLE = "VISIBLE";
    static final String IN_FLIGHT = "IN_FLIGHT";

    boolean visibleAt(Instant now) {
        return !visibleAt.isAfter(now);
    }

    /** Whether {@code candidate} is the handle of the current delivery and its visibility timeout has not passed. */
    boolean confirmableWith(String candidate, Instant now) {
        return handle.filter(candidate::equals).isPresent() && !visibleAt(now);
    }

    QueuedEvent delivered(String newHandle, Instant hiddenUntil) {
        return new QueuedEvent(id, event, enqueuedAt, Optional.of(newHandle), hiddenUntil, deliveries + 1);
    }

    /** The inspection view ({@code GET /_emulator/queue}). */
    View view(Instant now) {
        return new View(id, event.subAppId(), event.eventType(), visibleAt(now) ? VISIBLE : IN_FLIGHT, handle,
                enqueuedAt, visibleAt, deliveries, event.content());
    }

    record View(long id, long subAppId, String eventType, String state, Optional<String> eventHandle,
                Instant enqueuedAt, Instant visibleAt, int deliveries, JsonNode body) {
    }
}
