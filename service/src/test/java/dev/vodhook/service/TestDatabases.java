package dev.vodhook.service;

import dev.vodhook.testkit.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for receiver tests: a SQLite file URL, or a fresh database on one small embedded
 * PostgreSQL shared by the test run; and a way to make a database refuse one event, to test that
 * a bad row fails alone.
 */
public final class TestDatabases {
    private static final AtomicInteger databases = new AtomicInteger();
    private static EmbeddedPostgresServer postgres;

    private TestDatabases() {}

    /** A new, empty PostgreSQL database (the server starts on first use and lives for the test run). */
    public static synchronized String postgresUrl() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start(60);
        }
        return postgres.createDatabase("vodhook_service_" + databases.incrementAndGet());
    }

    /** Makes the (migrated) database refuse, with an error, any insert of an event with this dedupe key. */
    public static void refuseInsertsOf(String jdbcUrl, String dedupeKey) {
        String trigger = "refuse_" + Integer.toHexString(dedupeKey.hashCode());
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            if (jdbcUrl.startsWith("jdbc:sqlite:")) {
                s.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON inbox WHEN NEW.dedupe_key = '" + dedupeKey
                        + "' BEGIN SELECT RAISE(ABORT, 'refused by a test trigger'); END");
            } else {
                s.execute("CREATE OR REPLACE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$"
                        + " BEGIN RAISE EXCEPTION 'refused by a test trigger'; END $$");
                s.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON inbox FOR EACH ROW WHEN (NEW.dedupe_key = '"
                        + dedupeKey + "') EXECUTE FUNCTION refuse_insert()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot install the refusing trigger", e);
        }
    }
}
