package dev.vodhook.service.processing;

import java.time.Duration;

/**
 * How the processor takes work from the inbox.
 *
 * @param pollInterval  how long an idle processor sleeps before looking again (intake wakes it at once)
 * @param batchSize     how many events one claim takes; they are handled concurrently
 * @param lease         how long a claim holds its events without a heartbeat: the processor extends the leases
 *                      of the events it holds every third of this, so a worker that dies loses them after this
 * @param shutdownGrace how long shutting down waits for handlers in flight
 * @param handlerLimit  how long one handler may run before it is abandoned (its lease no longer extended, its
 *                      event retried): the hard limit that keeps a hung handler from holding its event for ever
 */
public record WorkerSettings(Duration pollInterval, int batchSize, Duration lease, Duration shutdownGrace,
        Duration handlerLimit) {

    /** The hard limit of {@link #defaults()}. */
    public static final Duration DEFAULT_HANDLER_LIMIT = Duration.ofMinutes(10);

    public WorkerSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        if (!pollInterval.isPositive() || !lease.isPositive() || !handlerLimit.isPositive()) {
            throw new IllegalArgumentException("pollInterval, lease and handlerLimit must be positive: "
                    + pollInterval + ", " + lease + ", " + handlerLimit);
        }
    }

    /** Settings with the default hard limit on a handler's run. */
    public WorkerSettings(Duration pollInterval, int batchSize, Duration lease, Duration shutdownGrace) {
        this(pollInterval, batchSize, lease, shutdownGrace, DEFAULT_HANDLER_LIMIT);
    }

    /** Poll every second, 32 events a claim, 60 s lease, 10 s to finish on shutdown, 10 min per handler at most. */
    public static WorkerSettings defaults() {
        return new WorkerSettings(Duration.ofSeconds(1), 32, Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** How often the processor extends the leases it holds: a third of the lease, so two beats may be missed. */
    public Duration heartbeat() {
        return lease.dividedBy(3);
    }

    public WorkerSettings withHandlerLimit(Duration value) {
        return new WorkerSettings(pollInterval, batchSize, lease, shutdownGrace, value);
    }
}
