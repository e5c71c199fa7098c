package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema version 5.1 fills the FileId and TaskId of the events stored before version 5 from their bodies. */
class FillInboxIdsTest {
    @TempDir
    Path dir;

    @Test
    void eventsStoredBeforeVersion5GetTheIdsTheirBodiesName() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("vodhook.db");
        long upload;
        long procedure;
        long unreadable;
        try (Database db = Database.open(url)) {
            upload = append(db, "a", "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"528\"}}");
            procedure = append(db, "b", "{\"EventType\":\"ProcedureStateChanged\",\"ProcedureStateChangeEvent\":"
                    + "{\"TaskId\":\"t-1\",\"FileId\":\"528\",\"Status\":\"FINISH\"}}");
            unreadable = append(db, "c", "not json at all");
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE inbox SET file_id = NULL, task_id = NULL"); // as stored before version 5
            new FillInboxIds().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Connection getConnection() {
                    return c;
                }
            });
        }
        try (Database db = Database.open(url)) {
            assertThat(db.inbox().find(upload).orElseThrow().fileId()).contains("528");
            assertThat(db.inbox().find(procedure).orElseThrow().taskId()).contains("t-1");
            assertThat(db.inbox().find(procedure).orElseThrow().fileId()).contains("528");
            assertThat(db.inbox().find(unreadable).orElseThrow().fileId()).isEmpty();
        }
    }

    private static long append(Database db, String key, String body) {
        return db.inbox().append(new IncomingEvent(Instant.EPOCH, EventSource.PUSH, "T", "V3", key, body, Map.of()))
                .id();
    }
}
