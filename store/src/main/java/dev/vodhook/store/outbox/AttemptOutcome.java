package dev.vodhook.store.outbox;

/** What one delivery attempt came to. */
public enum AttemptOutcome {
    /** A 2xx within the timeout. */
    DELIVERED,
    /** Anything else: another status, a timeout, a refused connection... retried on the schedule. */
    FAILED,
    /** 410 Gone: the endpoint is disabled. */
    GONE
}
