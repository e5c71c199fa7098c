package dev.vodhook.store.inbox;

import dev.vodhook.store.Database;
import dev.vodhook.store.DatabaseOptions;
import dev.vodhook.store.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresInboxTest extends InboxContract {
    static TestPostgres postgres;
    String url;

    @BeforeAll
    static void startPostgres() {
        postgres = TestPostgres.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    Database openDatabase() {
        url = postgres.cleanDatabaseUrl();
        return Database.open(url, DatabaseOptions.defaults().withMaxPoolSize(4));
    }

    @Override
    void refuseInsertsOf(String dedupeKey) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN RAISE EXCEPTION 'refused by a test trigger'; END $$");
            s.execute("DROP TRIGGER IF EXISTS refuse_" + dedupeKey + " ON inbox");
            s.execute("CREATE TRIGGER refuse_" + dedupeKey + " BEFORE INSERT ON inbox FOR EACH ROW WHEN (NEW.dedupe_key = '"
                    + dedupeKey + "') EXECUTE FUNCTION refuse_insert()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
