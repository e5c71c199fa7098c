package dev.vodhook.store.inbox;

/** An event a worker has claimed, with the lease it must present to finish it. */
public record ClaimedEvent(StoredEvent event, Lease lease) {

    public long id() {
        return event.id();
    }

    public String eventType() {
        return event.eventType();
    }

    /** 1 on the first claim, 2 on the second, ... */
    public int attempt() {
        return lease.attempt();
    }
}
