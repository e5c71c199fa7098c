package dev.vodhook.store.inbox;

/** Where an inbox event is in its life: waiting, leased by a worker, handled, or given up on. */
public enum EventStatus {
    PENDING,
    PROCESSING,
    DONE,
    DEAD
}
