package dev.vodhook.store.inbox;

import dev.vodhook.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class SqliteInboxTest extends InboxContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open(url());
    }

    @Override
    void refuseInsertsOf(String dedupeKey) {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse_" + dedupeKey + " BEFORE INSERT ON inbox WHEN NEW.dedupe_key = '"
                    + dedupeKey + "' BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("vodhook.db");
    }
}
