package dev.vodhook.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Blocks a long-running command until the JVM is asked to stop (Ctrl-C, SIGTERM), then gives the command time
 * to close its servers: the shutdown hook waits until {@link #commandFinished()} says the command returned.
 */
final class Shutdown {

    /** How long a stop signal waits for the command to close what it opened. */
    private static final long GRACE_SECONDS = 15;
    private static final CountDownLatch FINISHED = new CountDownLatch(1);

    private Shutdown() {
    }

    static void awaitSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                FINISHED.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vodhook-shutdown"));
        stop.await();
    }

    /**
     * Called once the command has returned and closed its resources. Waiting for the main thread to end instead
     * would cost the whole grace period: {@code System.exit} blocks while shutdown hooks run.
     */
    static void commandFinished() {
        FINISHED.countDown();
    }
}
