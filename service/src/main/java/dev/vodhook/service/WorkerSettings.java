package dev.vodhook.service;

import java.time.Duration;

/**
 * How the processor takes work from the inbox.
 *
 * @param pollInterval  how long an idle processor sleeps before looking again (intake wakes it at once)
 * @param batchSize     how many events one claim takes; they are handled concurrently
 * @param lease         how long a claim holds its events; a worker that dies loses them after this
 * @param shutdownGrace how long shutting down waits for handlers in flight
 */
public record WorkerSettings(Duration pollInterval, int batchSize, Duration lease, Duration shutdownGrace) {

    public WorkerSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("pollInterval and lease must be positive: " + pollInterval + ", " + lease);
        }
    }

    /** Poll every second, 32 events a claim, 60 s lease, 10 s to finish on shutdown. */
    public static WorkerSettings defaults() {
        return new WorkerSettings(Duration.ofSeconds(1), 32, Duration.ofSeconds(60), Duration.ofSeconds(10));
    }
}
