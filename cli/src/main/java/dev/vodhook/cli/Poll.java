package dev.vodhook.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Waits for something to become true, checking a few times a second, up to a deadline. */
record Poll(Duration timeout) {

    <T> T until(String what, Callable<Optional<T>> check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> value = check.call();
                if (value.isPresent()) {
                    return value.get();
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("gave up waiting " + timeout.toSeconds() + " s for " + what
                + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
    }
}
