package dev.vodhook.events.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class BackgroundLoopTest {
    private static final Logger log = LoggerFactory.getLogger(BackgroundLoopTest.class);
    private static final Duration GUARD = Duration.ofSeconds(60);

    @Test
    void aStepRunsAtStartThenAtEachWake() {
        AtomicInteger steps = new AtomicInteger();
        try (BackgroundLoop loop = BackgroundLoop.of("test-loop", log, "Counting", Duration.ofHours(1), () -> {
            steps.incrementAndGet();
            return BackgroundLoop.UNTIL_WOKEN;
        })) {
            loop.start();
            await().atMost(GUARD).until(() -> steps.get() == 1);
            loop.wake();
            await().atMost(GUARD).until(() -> steps.get() == 2);
        }
    }

    @Test
    void aFailedStepIsTriedAgainAfterTheRetryPause() {
        AtomicInteger steps = new AtomicInteger();
        try (BackgroundLoop loop = BackgroundLoop.of("test-loop", log, "Failing once", Duration.ofMillis(1), () -> {
            if (steps.incrementAndGet() == 1) {
                throw new IllegalStateException("first step fails");
            }
            return BackgroundLoop.UNTIL_WOKEN;
        })) {
            loop.start();
            await().atMost(GUARD).until(() -> steps.get() == 2);
        }
    }

    @Test
    void closeStopsTheLoopAndInterruptsAStepPastTheDeadline() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch inStep = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        BackgroundLoop loop = BackgroundLoop.of("test-loop", log, "Blocking", Duration.ofHours(1), () -> {
            inStep.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return Duration.ZERO;
        }).joinDeadline(Duration.ofMillis(10));
        loop.start();
        await().atMost(GUARD).until(() -> inStep.getCount() == 0);

        loop.close();

        assertThat(interrupted).isTrue();
        assertThat(loop.stopping()).isTrue();
        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLoopStartsOnce() {
        try (BackgroundLoop loop = BackgroundLoop.of("test-loop", log, "Idling", Duration.ofHours(1),
                () -> BackgroundLoop.UNTIL_WOKEN)) {
            loop.start();
            assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already started");
        }
    }
}
