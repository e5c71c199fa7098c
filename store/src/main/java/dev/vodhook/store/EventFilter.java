package dev.vodhook.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Which inbox events to list or replay; empty fields match everything.
 *
 * @param beforeId       only events with a smaller id (paging through a newest-first listing)
 * @param receivedFrom   only events received at or after this time
 * @param receivedBefore only events received before this time
 */
public record EventFilter(
        Optional<EventStatus> status,
        Optional<String> eventType,
        Optional<Long> beforeId,
        Optional<Instant> receivedFrom,
        Optional<Instant> receivedBefore) {

    public static EventFilter all() {
        return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public EventFilter withStatus(EventStatus value) {
        return new EventFilter(Optional.of(value), eventType, beforeId, receivedFrom, receivedBefore);
    }

    public EventFilter withEventType(String value) {
        return new EventFilter(status, Optional.of(value), beforeId, receivedFrom, receivedBefore);
    }

    public EventFilter withBeforeId(long value) {
        return new EventFilter(status, eventType, Optional.of(value), receivedFrom, receivedBefore);
    }

    public EventFilter withReceivedBetween(Instant from, Instant before) {
        return new EventFilter(status, eventType, beforeId, Optional.of(from), Optional.of(before));
    }

    /** Only events received at or after {@code from}. */
    public EventFilter withReceivedFrom(Instant from) {
        return new EventFilter(status, eventType, beforeId, Optional.of(from), receivedBefore);
    }

    /** Only events received before {@code before}. */
    public EventFilter withReceivedBefore(Instant before) {
        return new EventFilter(status, eventType, beforeId, receivedFrom, Optional.of(before));
    }
}
