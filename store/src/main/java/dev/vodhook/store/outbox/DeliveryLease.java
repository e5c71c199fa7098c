package dev.vodhook.store.outbox;

import java.time.Instant;

/**
 * A deliverer's hold on one claimed delivery. {@code attempt} is the delivery's attempt count at the claim and
 * fences like the inbox's lease: once the lease lapsed and another claim happened, the old holder's marks change
 * nothing. {@code fileId} names the media whose queue (to this endpoint) the delivery heads.
 */
public record DeliveryLease(long deliveryId, long endpointId, String fileId, String owner, int attempt,
        Instant until) {}
