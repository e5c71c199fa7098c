package dev.vodhook.store.outbox;

/** A delivery a deliverer has claimed: where to send what, and the lease it must present to mark it. */
public record ClaimedDelivery(String url, Notification notification, DeliveryLease lease) {

    public long id() {
        return lease.deliveryId();
    }

    /** 1 on the first claim, 2 on the second, ... */
    public int attempt() {
        return lease.attempt();
    }
}
