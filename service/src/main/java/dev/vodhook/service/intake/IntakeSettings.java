package dev.vodhook.service.intake;

import java.time.Duration;
import java.util.Objects;

/**
 * How events are taken in and how long their dedupe keys are kept.
 *
 * @param mode            push (POST /callback), pull (PullEvents loop) or both
 * @param maxBatch        group commit: the most events one transaction takes
 * @param queueCapacity   events waiting for a commit; a callback beyond this gets 503 with Retry-After
 * @param commitTimeout   how long a callback waits for its commit before it gets 503
 * @param pullers         PullEvents loops run at once (several instances may pull as well)
 * @param dedupeRetention DONE events (and so their dedupe keys) are deleted this long after they
 *                        were received; at least 4 days, VOD's redelivery horizon
 * @param pruneInterval   how often the pruning job runs
 * @param intakeOnly      take events in but do not process them: an instance that shares its
 *                        (PostgreSQL) database with instances that do; also for measuring intake alone
 */
public record IntakeSettings(IntakeMode mode, int maxBatch, int queueCapacity, Duration commitTimeout, int pullers,
        Duration dedupeRetention, Duration pruneInterval, boolean intakeOnly) {

    /** VOD keeps unconfirmed events for 4 days (vod-protocol.md §3.3); keys must outlive them. */
    public static final Duration MIN_DEDUPE_RETENTION = Duration.ofDays(4);
    public static final Duration DEFAULT_DEDUPE_RETENTION = Duration.ofDays(7);
    /**
     * PullEvents loops. Each waits for its events' commit before pulling again, so loops are what
     * keeps pulls in flight: 8 pull and commit 5,000+ events/s from the local VOD on 2 cores, where 4
     * managed 4,300 to 5,300. Real VOD allows 100 PullEvents a second (1,600 events) per application,
     * however many loops; more loops then only meet RequestLimitExceeded, and back off, sooner.
     */
    public static final int DEFAULT_PULLERS = 8;

    public IntakeSettings {
        Objects.requireNonNull(mode, "mode");
        if (maxBatch < 1 || queueCapacity < 1 || pullers < 1) {
            throw new IllegalArgumentException("maxBatch, queueCapacity and pullers must be at least 1: " + maxBatch
                    + ", " + queueCapacity + ", " + pullers);
        }
        if (!commitTimeout.isPositive() || !pruneInterval.isPositive()) {
            throw new IllegalArgumentException("commitTimeout and pruneInterval must be positive: " + commitTimeout
                    + ", " + pruneInterval);
        }
        if (dedupeRetention.compareTo(MIN_DEDUPE_RETENTION) < 0) {
            throw new IllegalArgumentException("dedupe-retention must be at least 4 days (VOD may deliver an event"
                    + " again for 4 days), got " + dedupeRetention);
        }
    }

    /** Push; batches of up to 512, 8192 queued, 10 s commit timeout; 8 pull loops; keys kept 7 days, pruned hourly. */
    public static IntakeSettings defaults() {
        return new IntakeSettings(IntakeMode.PUSH, 512, 8192, Duration.ofSeconds(10), DEFAULT_PULLERS,
                DEFAULT_DEDUPE_RETENTION, Duration.ofHours(1), false);
    }

    public IntakeSettings withMode(IntakeMode value) {
        return new IntakeSettings(value, maxBatch, queueCapacity, commitTimeout, pullers, dedupeRetention, pruneInterval, intakeOnly);
    }

    public IntakeSettings withGroupCommit(int batch, int capacity, Duration timeout) {
        return new IntakeSettings(mode, batch, capacity, timeout, pullers, dedupeRetention, pruneInterval, intakeOnly);
    }

    public IntakeSettings withPullers(int value) {
        return new IntakeSettings(mode, maxBatch, queueCapacity, commitTimeout, value, dedupeRetention, pruneInterval, intakeOnly);
    }

    public IntakeSettings withDedupeRetention(Duration value) {
        return new IntakeSettings(mode, maxBatch, queueCapacity, commitTimeout, pullers, value, pruneInterval, intakeOnly);
    }

    public IntakeSettings withPruneInterval(Duration value) {
        return new IntakeSettings(mode, maxBatch, queueCapacity, commitTimeout, pullers, dedupeRetention, value, intakeOnly);
    }

    public IntakeSettings withIntakeOnly(boolean value) {
        return new IntakeSettings(mode, maxBatch, queueCapacity, commitTimeout, pullers, dedupeRetention, pruneInterval,
                value);
    }

    @Override
    public String toString() {
        return mode + " (group commit " + maxBatch + "/" + queueCapacity + ", " + commitTimeout + "; pullers " + pullers
                + "; dedupe-retention " + dedupeRetention + ", pruned every " + pruneInterval + ")"
                + (intakeOnly ? " intake only, no processing" : "");
    }
}
