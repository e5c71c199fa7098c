package dev.vodhook.store.inbox;

import java.time.Instant;

/**
 * A worker's hold on one claimed event. {@code attempt} is the event's attempt count at the claim
 * and acts as a fencing token: if the lease expires and another claim happens, the old holder's
 * {@code markDone}/{@code markFailed} no longer match and change nothing.
 */
public record Lease(long eventId, String owner, int attempt, Instant until) {}
