package dev.vodhook.service.reconcile;

import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.StoredTask;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
    private final Semaphore stop = new Semaphore(0);
    private volatile boolean stopping;
    private Thread loop;

    public Reconciler(MediaStore media, CheckQuietTask check, ProcessingSettings settings, Clock clock,
            ServiceMetrics metrics) {
        this.media = media;
        this.check = check;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
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

    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("reconciler already started");
        }
        loop = Thread.ofVirtual().name("vodhook-reconciler").start(this::runUntilStopped);
        log.info("Reconciler started: asks VOD about our tasks quiet for {}, looking every {}",
                settings.reconcileAfter(), settings.reconcileEvery());
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = loop;
        }
        if (running == null) {
            return;
        }
        stop.release();
        try {
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Reconciler stopped");
    }

    private void runUntilStopped() {
        while (!stopping) {
            try {
                if (runOnce() == BATCH) {
                    continue;
                }
            } catch (RuntimeException e) {
                log.error("Reconciler could not look for quiet tasks: {}; will try again in {}", e.getMessage(),
                        settings.reconcileEvery(), e);
            }
            try {
                stop.tryAcquire(settings.reconcileEvery().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
