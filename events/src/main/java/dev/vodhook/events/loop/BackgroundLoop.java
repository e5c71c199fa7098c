package dev.vodhook.events.loop;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The one lifecycle of vodhook's background loops: {@link #start()} runs a {@link Step} on a thread of its own
 * until {@link #close()}; each step says how long to pause before the next, {@link #wake()} cuts a pause short,
 * and {@link #close()} stops the loop and waits up to a deadline for a step in progress (then interrupts it).
 * The loop is the error boundary: a failed step is logged with its consequence ("will try again in ...") once per
 * run of failures, the recovery once more, and the next step comes {@code retryAfter} later.
 *
 * <p>An owner keeps its step as a method of its own ({@code runOnce()}), which tests call instead of starting
 * the loop; the owner's {@code start()} and {@code close()} hand over to this class.
 */
public final class BackgroundLoop implements AutoCloseable {
    /** A pause that lasts until {@link #wake()} or {@link #close()}. */
    public static final Duration UNTIL_WOKEN = Duration.ofDays(3650);

    /** One round of a loop's work. */
    @FunctionalInterface
    public interface Step {
        /** Does the work; returns the pause before the next round ({@link Duration#ZERO}: at once). */
        Duration run() throws Exception;
    }

    private final String name;
    private final Logger log;
    private final String what;
    private final Duration retryAfter;
    private final Step step;
    private final WakeSignal wakes = new WakeSignal();
    private final CountDownLatch stop = new CountDownLatch(1);
    private Duration firstRunAfter = Duration.ZERO;
    private Duration settle = Duration.ZERO;
    private Duration joinDeadline = Duration.ofSeconds(5);
    private String meanwhile = "";
    private boolean platformThread;
    private Thread thread;
    private boolean failing;

    private BackgroundLoop(String name, Logger log, String what, Duration retryAfter, Step step) {
        this.name = name;
        this.log = log;
        this.what = what;
        this.retryAfter = retryAfter;
        this.step = step;
    }

    /**
     * A loop not yet started.
     *
     * @param name       the thread's name, e.g. {@code vodhook-prune}
     * @param log        the owner's logger, so that its lines name the owner
     * @param what       the step as the start of a sentence, e.g. {@code "Pruning DONE events"}
     * @param retryAfter the pause after a failed step
     */
    public static BackgroundLoop of(String name, Logger log, String what, Duration retryAfter, Step step) {
        return new BackgroundLoop(name, log, what, retryAfter, step);
    }

    /** The first step comes this long after {@link #start()} (or at a {@link #wake()}); zero by default. */
    public synchronized BackgroundLoop firstRunAfter(Duration pause) {
        requireUnstarted();
        this.firstRunAfter = pause;
        return this;
    }

    /** After a {@link #wake()}, waits this long more so that a burst of wakes makes one step. */
    public synchronized BackgroundLoop settleAfterWake(Duration pause) {
        requireUnstarted();
        this.settle = pause;
        return this;
    }

    /** How long {@link #close()} waits for a step in progress before interrupting it; 5 s by default. */
    public synchronized BackgroundLoop joinDeadline(Duration deadline) {
        requireUnstarted();
        this.joinDeadline = deadline;
        return this;
    }

    /** What happens instead while steps fail, said in the failure's log line, e.g. "the writer does it itself". */
    public synchronized BackgroundLoop meanwhile(String consequence) {
        requireUnstarted();
        this.meanwhile = consequence;
        return this;
    }

    /** Runs on a daemon platform thread instead of a virtual one (for steps that pin their carrier). */
    public synchronized BackgroundLoop onPlatformThread() {
        requireUnstarted();
        this.platformThread = true;
        return this;
    }

    public synchronized void start() {
        requireUnstarted();
        if (stopping()) {
            throw new IllegalStateException(name + " is closed");
        }
        Thread.Builder builder = platformThread ? Thread.ofPlatform().daemon() : Thread.ofVirtual();
        thread = builder.name(name).start(this::runUntilStopped);
    }

    /** Cuts the current pause short: the next step runs now (after the settle time, if any). */
    public void wake() {
        wakes.signal();
    }

    /** Whether {@link #close()} was called: a long step can check it between chunks of work. */
    public boolean stopping() {
        return stop.getCount() == 0;
    }

    /** Stops the loop; waits up to the join deadline for a step in progress, then interrupts it. Idempotent. */
    @Override
    public void close() {
        stop.countDown();
        wakes.signal();
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null || running == Thread.currentThread()) {
            return;
        }
        try {
            if (!running.join(joinDeadline)) {
                log.warn("{} did not stop within {}; interrupting it", name, joinDeadline);
                running.interrupt();
                running.join(joinDeadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUntilStopped() {
        Duration pause = firstRunAfter;
        while (pause(pause)) {
            pause = runStep();
        }
    }

    /** The error boundary around one step; the pause before the next. */
    private Duration runStep() {
        try {
            Duration next = step.run();
            if (failing) {
                failing = false;
                log.info("{} works again", what);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retryAfter;
        } catch (Exception e) {
            if (stopping()) {
                log.debug("{} failed while stopping: {}", what, e.toString());
            } else if (failing) {
                log.debug("{} failed again: {}; will try again in {}", what, e.toString(), retryAfter);
            } else {
                failing = true;
                log.warn("{} failed: {}; {}will try again in {}", what, e.getMessage(),
                        meanwhile.isEmpty() ? "" : meanwhile + "; ", retryAfter, e);
            }
            return retryAfter;
        }
    }

    /** Waits {@code pause}, or less if woken; false once stopping. */
    private boolean pause(Duration pause) {
        if (stopping() || Thread.currentThread().isInterrupted()) {
            return false;
        }
        try {
            if (pause.isPositive() && wakes.await(pause)) {
                if (settle.isPositive() && stop.await(settle.toNanos(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
                wakes.clear();
            }
        } catch (InterruptedException e) {
            return false;
        }
        return !stopping();
    }

    private void requireUnstarted() {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
    }
}
