package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vodhook.store.StoreException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class CombiningWriterTest {
    @TempDir
    Path dir;

    final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    Jdbi jdbi;
    CombiningWriter writer;

    @BeforeEach
    void createTable() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        jdbi = Jdbi.create(source);
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (n INTEGER PRIMARY KEY)"));
        writer = new CombiningWriter(jdbi, "test-writer");
    }

    @Test
    void aWriteThatComesAloneRunsAtOnceInItsOwnTransaction() {
        int inserted = writer.write("insert 1", h -> h.execute("INSERT INTO t VALUES (1)"));
        assertThat(inserted).isEqualTo(1);
        assertThat(rows()).containsExactly(1);
        assertThatThrownBy(() -> writer.write("insert 1 again", h -> h.execute("INSERT INTO t VALUES (1)")))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("insert 1 again failed: ");
    }

    @Test
    void writesThatWaitShareOneTransactionAndOneThatFailsIsRolledBackAlone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> writer.write("first", h -> {
            started.countDown();
            block(release);
            return h.execute("INSERT INTO t VALUES (0)");
        }), threads);
        block(started);
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int n = 1; n <= 5; n++) {
            int row = n;
            waiting.add(CompletableFuture.supplyAsync(() -> writer.write("insert " + row, h -> {
                if (row == 3) {
                    h.execute("INSERT INTO t VALUES (3)");
                    throw new IllegalStateException("refused " + row);
                }
                // rows written earlier in the same transaction are visible here, and the refused one is not
                return h.execute("INSERT INTO t VALUES (?)", row) + h.createQuery("SELECT COUNT(*) FROM t WHERE n = 3")
                        .mapTo(Integer.class).one() * 100;
            }), threads));
            int queued = n;
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.waiting() == queued);
        }

        release.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        for (int n = 1; n <= 5; n++) {
            CompletableFuture<Integer> write = waiting.get(n - 1);
            if (n == 3) {
                assertThatThrownBy(() -> write.get(60, TimeUnit.SECONDS)).hasRootCauseMessage("refused 3");
            } else {
                assertThat(write.get(60, TimeUnit.SECONDS)).as("write %d", n).isEqualTo(1);
            }
        }
        assertThat(rows()).containsExactly(0, 1, 2, 4, 5);
        assertThat(writer.waiting()).isZero();
    }

    @Test
    void closingRunsWhatIsQueuedThenRefusesWrites() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> writer.write("first", h -> {
            started.countDown();
            block(release);
            return h.execute("INSERT INTO t VALUES (1)");
        }), threads);
        block(started);
        CompletableFuture<Integer> queued = CompletableFuture.supplyAsync(
                () -> writer.write("queued", h -> h.execute("INSERT INTO t VALUES (2)")), threads);
        await().atMost(Duration.ofSeconds(60)).until(() -> writer.waiting() == 1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(writer::close, threads);

        release.countDown();

        closing.get(60, TimeUnit.SECONDS);
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(queued.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(rows()).containsExactly(1, 2);
        assertThatThrownBy(() -> writer.write("late", h -> h.execute("INSERT INTO t VALUES (3)")))
                .isInstanceOf(StoreException.class).hasMessage("late refused: the store is closed");
        assertThat(rows()).containsExactly(1, 2);
    }

    @Test
    void aCallerInterruptedWhileItsWriteRunsStillLearnsItsOutcome() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            int n = writer.write("slow", h -> {
                started.countDown();
                block(release);
                return h.execute("INSERT INTO t VALUES (7)");
            });
            interruptedAfter.complete(n == 1 && Thread.currentThread().isInterrupted());
        });
        block(started);
        caller.interrupt();

        release.countDown();

        assertThat(interruptedAfter.get(60, TimeUnit.SECONDS)).as("committed, and the interrupt kept").isTrue();
        assertThat(rows()).containsExactly(7);
    }

    @Test
    void aWriteInsideAWriteIsRefusedInsteadOfWaitingForItself() {
        assertThatThrownBy(() -> writer.write("outer", h -> writer.write("inner", i -> 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inner: a write inside a write");
        int after = writer.write("after", h -> h.execute("INSERT INTO t VALUES (1)"));
        assertThat(after).isEqualTo(1);
    }

    @AfterEach
    void stopThreads() {
        writer.close();
        threads.shutdownNow();
    }

    List<Integer> rows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT n FROM t ORDER BY n").mapTo(Integer.class).list());
    }

    static void block(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
