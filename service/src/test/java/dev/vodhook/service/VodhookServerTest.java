package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.events.VodEvent;
import dev.vodhook.store.Database;
import dev.vodhook.store.EventStatus;
import dev.vodhook.store.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VodhookServerTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    @Test
    void startsQuicklyOnAFreePortAndReleasesItOnClose() throws IOException {
        long started = System.nanoTime();
        VodhookServer server = VodhookServer.start(TestReceivers.config(dir, clock), new RecordingMediaProcessing());
        long millis = (System.nanoTime() - started) / 1_000_000;
        int port = server.port();
        try {
            assertThat(port).isPositive();
            assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(new Http(server.baseUrl()).get("/healthz").status()).isEqualTo(200);
            assertThat(millis).as("start-up took %d ms", millis).isLessThan(5000);
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
            EventHandler slow = (StoredEvent stored, VodEvent event) -> {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            Processor processor = new Processor(db.inbox(), new Handlers(Map.of("NewFileUpload", slow)),
                    RetryPolicy.defaults(), new WorkerSettings(Duration.ofSeconds(10), 4, Duration.ofSeconds(30),
                            Duration.ofSeconds(5)), clock, new ServiceMetrics(), new SplittableRandom(3));
            long id = append(db.inbox(), upload("1"), clock.instant());
            processor.start();
            processor.wake();
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(processor::close);
            Thread.sleep(100); // the close is waiting, not done
            assertThat(closing).isNotDone();
            release.countDown();
            closing.get(5, TimeUnit.SECONDS);

            assertThat(db.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.DONE);
            await().atMost(Duration.ofSeconds(1)).until(closing::isDone);
        }
    }
}
