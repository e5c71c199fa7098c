package dev.vodhook.cli;

import java.util.concurrent.CountDownLatch;

/** Blocks a long-running command until the JVM is asked to stop (Ctrl-C, SIGTERM). */
final class Shutdown {

    private Shutdown() {
    }

    static void awaitSignal() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                // let the command's try-with-resources close its servers before the JVM halts
                main.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vodhook-shutdown"));
        stop.await();
    }
}
