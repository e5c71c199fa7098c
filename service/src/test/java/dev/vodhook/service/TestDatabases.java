package dev.vodhook.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    /** A new, empty PostgreSQL database (the server starts on first use and lives for the test run). */
    public static synchronized String postgresUrl() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_buffers", "16MB")
                        .setServerConfig("max_connections", "60")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
            }
            String name = "vodhook_service_" + databases.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return postgres.getJdbcUrl("postgres", name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
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
