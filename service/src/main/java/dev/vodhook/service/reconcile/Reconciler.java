package dev.vodhook.service.reconcile;

import dev.vodhook.events.loop.BackgroundLoop;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.StoredTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for tasks vodhook started that have been quiet (no event, not ended) for longer than
 * {@code reconcile-after} and checks each with {@link CheckQuietTask}. {@link #runOnce()} does one batch;
 * {@link #start()} runs batches on a virtual thread every {@code reconcile-every} until {@link #close()}.
 */
public final class Reconciler implements AutoCloseable {
    /** Quiet tasks taken per pass; a full pass is followed by another at once. */
    static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final MediaStore media;
    private final CheckQuietTask check;
    private final ProcessingSettings settings;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final BackgroundLoop loop;

    public Reconciler(MediaStore media, CheckQuietTask check, ProcessingSettings settings, Clock clock,
            ServiceMetrics metrics) {
        this.media = media;
        this.check = check;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.loop = BackgroundLoop.of("vodhook-reconciler", log, "Looking for quiet tasks", settings.reconcileEvery(),
                () -> runOnce() == BATCH ? Duration.ZERO : settings.reconcileEvery());
    }

    /** Checks up to {@link #BATCH} quiet tasks; returns how many it looked at. */
    public int runOnce() {
        Instant now = clock.instant();
        Instant quietSince = now.minus(settings.reconcileAfter());
        List<StoredTask> quiet = media.quietTasks(quietSince, BATCH);
        for (StoredTask task : quiet) {
            try {
                check.check(task, quietSince, now);
            } catch (RuntimeException e) {
                log.error("Task {}: the reconciler could not check it: {}; it will be looked at again on a later"
                        + " pass", task.taskId(), e.getMessage(), e);
            }
        }
        metrics.reconcilerRun();
        return quiet.size();
    }

    public void start() {
        loop.start();
        log.info("Reconciler started: asks VOD about our tasks quiet for {}, looking every {}",
                settings.reconcileAfter(), settings.reconcileEvery());
    }

    @Override
    public void close() {
        loop.close();
        log.info("Reconciler stopped");
    }
}
