package dev.vodhook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void sqliteCreatesTheDirectoryAndUsesWal() throws Exception {
        Path file = dir.resolve("nested/data/vodhook.db");
        try (Database db = Database.open("jdbc:sqlite:" + file)) {
            assertThat(db.dialect()).isEqualTo(Dialect.SQLITE);
            db.ping();
        }
        assertThat(Files.exists(file)).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void theWriterKeepsItsSavepointJournalInMemoryAndReadersDoNot() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("vodhook.db");
        assertThat(pragma(Database.sqliteSource(url, DatabaseOptions.defaults(), true), "temp_store"))
                .isEqualTo("2"); // MEMORY
        assertThat(pragma(Database.sqliteSource(url, DatabaseOptions.defaults(), false), "temp_store"))
                .isEqualTo("0"); // the default: a file
        assertThat(pragma(Database.sqliteSource(url, DatabaseOptions.defaults(), true), "synchronous"))
                .isEqualTo("2"); // FULL
    }

    private static String pragma(DataSource source, String name) throws Exception {
        try (Connection c = source.getConnection(); ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void reopeningKeepsTheDataAndTheSchema() {
        String url = "jdbc:sqlite:" + dir.resolve("vodhook.db");
        long id;
        try (Database db = Database.open(url)) {
            id = db.inbox().append(new IncomingEvent(Instant.EPOCH, EventSource.PUSH, "T", "V3", "k", "{}", Map.of()))
                    .id();
        }
        try (Database db = Database.open(url)) {
            assertThat(db.inbox().find(id)).isPresent();
        }
    }

    @Test
    void readsDoNotWaitForAnOpenWriteTransaction() throws Exception {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"))) {
            db.inbox().append(new IncomingEvent(Instant.EPOCH, EventSource.PUSH, "T", "V3", "k", "{}", Map.of()));
            db.media().write(Instant.EPOCH, w -> {
                w.upsertMedia(MediaUpdate.state("1", MediaState.UPLOADED));
                // the writer connection is busy inside a transaction; the readers still answer
                assertThat(db.inbox().list(EventFilter.all(), 10)).hasSize(1);
                db.ping();
            });
        }
    }

    @Test
    void refusesUrlsItCannotServe() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported database URL");
        assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not memory");
    }

    @Test
    void anUnreachablePostgresIsAStoreError() {
        assertThatThrownBy(() -> Database.open("jdbc:postgresql://127.0.0.1:1/nope?user=x&password=secret",
                        new DatabaseOptions(1, java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(1))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("secret");
    }
}
