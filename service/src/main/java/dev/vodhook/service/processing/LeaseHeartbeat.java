package dev.vodhook.service.processing;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The background loop that extends a worker's leases: every {@code interval} it runs {@code beat} on a virtual
 * thread of its own, until {@link #close()} or until the worker says it is stopping. A beat that throws is handed to
 * {@code onFailure} (which logs it with its consequence) and the loop goes on.
 */
public final class LeaseHeartbeat implements AutoCloseable {
    private final Semaphore stop = new Semaphore(0);

    private LeaseHeartbeat() {}

    public static LeaseHeartbeat start(String threadName, Duration interval, BooleanSupplier stopping, Runnable beat,
            Consumer<RuntimeException> onFailure) {
        LeaseHeartbeat heartbeat = new LeaseHeartbeat();
        Thread.ofVirtual().name(threadName).start(() -> heartbeat.beatUntilStopped(interval, stopping, beat, onFailure));
        return heartbeat;
    }

    private void beatUntilStopped(Duration interval, BooleanSupplier stopping, Runnable beat,
            Consumer<RuntimeException> onFailure) {
        while (!stopping.getAsBoolean()) {
            try {
                if (stop.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                beat.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        }
    }

    /** Stops the loop; a beat under way finishes. */
    @Override
    public void close() {
        stop.release();
    }
}
