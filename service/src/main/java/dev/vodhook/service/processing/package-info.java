/**
 * Working the inbox: the {@link Processor} claims due events, runs their {@link EventHandler}, keeps the leases
 * alive ({@link HeldLeases}, {@link LeaseHeartbeat}) and retries failures by {@link RetryPolicy};
 * {@link PruneDoneEvents} deletes old done events. With the worker and processing settings.
 */
package dev.vodhook.service.processing;
