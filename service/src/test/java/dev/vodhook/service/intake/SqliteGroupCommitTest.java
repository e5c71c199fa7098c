package dev.vodhook.service.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.http.Overloaded;
import dev.vodhook.store.inbox.AppendResult;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGroupCommitTest extends GroupCommitContract {
    @TempDir
    Path dir;
    final AtomicInteger files = new AtomicInteger();

    @Override
    String databaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("vodhook-" + files.incrementAndGet() + ".db");
    }

    @Test
    void aCommitThatDoesNotComeInTimeIsRefusedAndTheEventIsStoredLater() throws Exception {
        String url = databaseUrl();
        Database db = database(url);
        GroupCommit commit = groupCommit(db, IntakeSettings.defaults().withGroupCommit(16, 64, Duration.ofMillis(300)),
                () -> {});
        open.add(commit);
        commit.start();
        try (Connection other = DriverManager.getConnection(url); Statement s = other.createStatement();
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            s.execute("BEGIN IMMEDIATE"); // another process holds the write lock
            Future<AppendResult> waiting = callers.submit(() -> commit.append(event("1")));

            assertThatThrownBy(() -> waiting.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(Overloaded.class,
                            e -> assertThat(e.getMessage()).contains("not committed within"));

            s.execute("COMMIT");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> db.inbox().list(EventFilter.all(), 10).size() == 1);
        assertThat(commit.append(event("1")).duplicate()).isTrue(); // the sender's retry
    }
}
