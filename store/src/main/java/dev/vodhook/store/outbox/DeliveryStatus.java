package dev.vodhook.store.outbox;

/** Where a delivery of one notification to one endpoint is in its life. */
public enum DeliveryStatus {
    /** Behind an earlier notification of the same media to the same endpoint, which is not done yet. */
    WAITING,
    /** Due at its next attempt time. */
    PENDING,
    /** Claimed by a deliverer under a lease. */
    SENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt of the retry schedule failed; waits for an operator's replay. */
    DEAD;

    /** DELIVERED or DEAD: the next notification of the media may go. */
    public boolean finished() {
        return this == DELIVERED || this == DEAD;
    }
}
