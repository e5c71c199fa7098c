package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class WalCheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void copiesTheLogWhileAWriterHoldsItsTransactionOpen() throws Exception {
        Path file = dir.resolve("wal.db");
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA wal_autocheckpoint=0"); // only the checkpointer copies
                s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            }
            insert(writer, 200);
            WalCheckpointer checkpointer = new WalCheckpointer(source(file), Duration.ofMillis(5), Duration.ofMillis(50));

            writer.setAutoCommit(false);
            insert(writer, 10); // uncommitted: the write lock is held, and PASSIVE does not wait for it
            WalCheckpointer.Checkpoint first = checkpointer.runOnce();
            writer.commit();

            assertThat(first.busy()).isFalse();
            assertThat(first.logFrames()).isPositive();
            assertThat(first.copiedFrames()).isEqualTo(first.logFrames());
            WalCheckpointer.Checkpoint second = checkpointer.runOnce();
            assertThat(second.logFrames()).isGreaterThan(first.logFrames()); // the commit after it
            assertThat(second.behind()).isFalse();
        }
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = reader.createStatement().executeQuery("SELECT count(*) FROM t")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(210);
        }
    }

    @Test
    void theDatabaseCheckpointsInTheBackgroundAndKeepsEveryEvent() throws Exception {
        Path file = dir.resolve("vodhook.db");
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            String body = "{\"EventType\":\"T\",\"pad\":\"" + "x".repeat(4000) + "\"}";
            for (int batch = 0; batch < 40; batch++) {
                List<IncomingEvent> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    events.add(new IncomingEvent(Instant.EPOCH, EventSource.PUSH, "T", "V3", "k" + batch + "-" + i,
                            body, Map.of()));
                }
                db.inbox().appendAll(events);
            }
            // 2,000 events of 4 KB went through the log; the background checkpoint copies them
            // into the database file without the writer's help
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.size(file) > 2_000L * 4_000);
            assertThat(db.inbox().list(EventFilter.all(), 3_000)).hasSize(2_000);
        }
    }

    private static SQLiteDataSource source(Path file) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    private static void insert(Connection c, int rows) throws Exception {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t (body) VALUES (?)")) {
            for (int i = 0; i < rows; i++) {
                p.setString(1, "x".repeat(2_000));
                p.executeUpdate();
            }
        }
    }
}
