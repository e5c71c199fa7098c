package dev.vodhook.emulator.internal.state;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the state to its {@link StateFile} soon after it changed: a change marks it dirty and wakes a background
 * virtual thread, which waits {@link #DEBOUNCE} so a burst of changes makes one write, then writes a fresh snapshot.
 * {@link #close()} writes what is left. A failed write is logged and tried again with the next change.
 * {@link #saveIfChanged()} is the loop's step, for tests.
 */
public final class StateSaver implements StateChanges, AutoCloseable {

    static final Duration DEBOUNCE = Duration.ofMillis(200);
    private static final Logger log = LoggerFactory.getLogger(StateSaver.class);

    private final StateFile file;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final Semaphore wake = new Semaphore(0);
    private volatile Supplier<SavedState> snapshot;
    private volatile boolean running;
    private Thread thread;
    private boolean failing;

    public StateSaver(StateFile file) {
        this.file = file;
    }

    @Override
    public void changed() {
        if (dirty.compareAndSet(false, true)) {
            wake.release();
        }
    }

    /** Starts saving snapshots taken by {@code source} (the state is complete from now on). */
    public synchronized void start(Supplier<SavedState> source) {
        snapshot = source;
        running = true;
        thread = Thread.ofVirtual().name("local-vod-state-saver").start(this::runUntilClosed);
    }

    /** Writes a snapshot if anything changed since the last one; whether it wrote. */
    synchronized boolean saveIfChanged() {
        if (snapshot == null || !dirty.getAndSet(false)) {
            return false;
        }
        try {
            file.write(snapshot.get());
            if (failing) {
                log.info("State saved to {} again", file.path());
                failing = false;
            }
            return true;
        } catch (RuntimeException e) {
            dirty.set(true);
            if (!failing) {
                log.error("Could not save the state to {}; will try again with the next change", file.path(), e);
                failing = true;
            }
            return false;
        }
    }

    private void runUntilClosed() {
        while (running) {
            try {
                wake.acquire();
                wake.drainPermits();
                Thread.sleep(DEBOUNCE);
            } catch (InterruptedException e) {
                return;
            }
            saveIfChanged();
        }
    }

    /** Stops the background thread and writes the last changes. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        saveIfChanged();
    }
}
