package dev.vodhook.emulator.internal.state;

import dev.vodhook.events.loop.BackgroundLoop;
import java.time.Duration;
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
    private final BackgroundLoop loop;
    private volatile Supplier<SavedState> snapshot;
    private boolean failing;

    public StateSaver(StateFile file) {
        this.file = file;
        this.loop = BackgroundLoop.of("local-vod-state-saver", log, "Saving the state", DEBOUNCE, () -> {
            saveIfChanged();
            return BackgroundLoop.UNTIL_WOKEN;
        }).firstRunAfter(BackgroundLoop.UNTIL_WOKEN).settleAfterWake(DEBOUNCE);
    }

    @Override
    public void changed() {
        if (dirty.compareAndSet(false, true)) {
            loop.wake();
        }
    }

    /** Starts saving snapshots taken by {@code source} (the state is complete from now on). */
    public void start(Supplier<SavedState> source) {
        snapshot = source;
        loop.start();
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

    /** Stops the background thread and writes the last changes. */
    @Override
    public void close() {
        loop.close();
        saveIfChanged();
    }
}
