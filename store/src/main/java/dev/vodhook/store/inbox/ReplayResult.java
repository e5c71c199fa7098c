package dev.vodhook.store.inbox;

/** What {@link Inbox#replay} did. */
public enum ReplayResult {
    /** The event is PENDING again, due now, with a fresh attempt budget. */
    REPLAYED,
    /** No event has that id. */
    NOT_FOUND,
    /** A worker holds the event right now; try again when its lease ends. */
    IN_PROGRESS
}
