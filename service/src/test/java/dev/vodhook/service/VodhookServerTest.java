package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.events.VodEvent;
import dev.vodhook.service.handlers.Handlers;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.service.processing.Processor;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VodhookServerTest {
    /** How long a test waits for something that takes milliseconds before it fails: a guard against hangs only. */
    static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    @Test
    void startsOnAFreePortAnswersHealthAtOnceAndReleasesThePortOnClose() throws IOException {
        VodhookServer server = VodhookServer.start(TestReceivers.config(dir, clock), new RecordingMediaProcessing());
        int port = server.port();
        try {
            assertThat(port).isPositive();
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(new Http(server.baseUrl()).get("/healthz").status())
                    .as("start() returns only once the receiver listens").isEqualTo(200);
        } finally {
            server.close();
            server.close();
        }
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void closingWaitsForTheHandlerInFlight() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"))) {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            EventHandler held = (StoredEvent stored, VodEvent event) -> {
                entered.countDown();
                try {
                    release.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            // a shutdown grace far longer than the test: close() can only return because the handler ended
            Processor processor = new Processor(db.inbox(), new Handlers(Map.of("NewFileUpload", held)),
                    RetryPolicy.defaults(), new WorkerSettings(Duration.ofSeconds(10), 4, Duration.ofMinutes(30),
                            Duration.ofMinutes(10)), clock, new ServiceMetrics(), new SplittableRandom(3));
            long id = append(db.inbox(), upload("1"), clock.instant());
            processor.start();
            processor.wake();
            Thread closer = null;
            try {
                assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("the handler started").isTrue();

                closer = Thread.ofPlatform().name("closer").start(processor::close);
                await().atMost(HANG_GUARD).until(blockedIn(closer, "close"));
                assertThat(db.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.PROCESSING);

                release.countDown();

                assertThat(closer.join(HANG_GUARD)).as("close() returns once the handler ended").isTrue();
                assertThat(db.inbox().find(id).orElseThrow().status()).as("recorded before close() returned")
                        .isEqualTo(EventStatus.DONE);
            } finally {
                release.countDown();
                if (closer != null) {
                    closer.join(HANG_GUARD);
                }
            }
        }
    }

    /** Whether {@code thread} is parked inside {@code Processor.<method>}: it got there and waits there. */
    static java.util.concurrent.Callable<Boolean> blockedIn(Thread thread, String method) {
        return () -> {
            Thread.State state = thread.getState();
            return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && Arrays.stream(thread.getStackTrace()).anyMatch(f ->
                            f.getClassName().equals(Processor.class.getName()) && f.getMethodName().equals(method));
        };
    }
}
