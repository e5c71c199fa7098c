package dev.vodhook.store.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Which inbox events to list, count or replay; empty fields match everything.
 *
 * @param beforeId       only events with a smaller id (paging through a newest-first listing)
 * @param receivedFrom   only events received at or after this time
 * @param receivedBefore only events received before this time
 * @param source         only events that came this way
 * @param search         only the event with this id, or the events about this FileId or TaskId
 */
public record EventFilter(
        Optional<EventStatus> status,
        Optional<String> eventType,
        Optional<Long> beforeId,
        Optional<Instant> receivedFrom,
        Optional<Instant> receivedBefore,
        Optional<EventSource> source,
        Optional<String> search) {

    public EventFilter {
        search = search.map(String::strip).filter(s -> !s.isEmpty());
    }

    public static EventFilter all() {
        return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public EventFilter withStatus(EventStatus value) {
        return new EventFilter(Optional.of(value), eventType, beforeId, receivedFrom, receivedBefore, source, search);
    }

    public EventFilter withEventType(String value) {
        return new EventFilter(status, Optional.of(value), beforeId, receivedFrom, receivedBefore, source, search);
    }

    public EventFilter withBeforeId(long value) {
        return new EventFilter(status, eventType, Optional.of(value), receivedFrom, receivedBefore, source, search);
    }

    /** The same filter from the newest event on (no {@link #beforeId}): what a bulk operation or a count takes. */
    public EventFilter fromNewest() {
        return new EventFilter(status, eventType, Optional.empty(), receivedFrom, receivedBefore, source, search);
    }

    public EventFilter withReceivedBetween(Instant from, Instant before) {
        return new EventFilter(status, eventType, beforeId, Optional.of(from), Optional.of(before), source, search);
    }

    /** Only events received at or after {@code from}. */
    public EventFilter withReceivedFrom(Instant from) {
        return new EventFilter(status, eventType, beforeId, Optional.of(from), receivedBefore, source, search);
    }

    /** Only events received before {@code before}. */
    public EventFilter withReceivedBefore(Instant before) {
        return new EventFilter(status, eventType, beforeId, receivedFrom, Optional.of(before), source, search);
    }

    /** Only events that came this way (pushed, pulled, or built by the reconciler). */
    public EventFilter withSource(EventSource value) {
        return new EventFilter(status, eventType, beforeId, receivedFrom, receivedBefore, Optional.of(value), search);
    }

    /** Only the event whose id is {@code text}, or the events about the FileId or TaskId {@code text}. */
    public EventFilter withSearch(String text) {
        return new EventFilter(status, eventType, beforeId, receivedFrom, receivedBefore, source, Optional.of(text));
    }
}
