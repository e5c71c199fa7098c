package dev.vodhook.store;

import dev.vodhook.testkit.EmbeddedPostgresServer;

/**
 * testkit's {@link EmbeddedPostgresServer} for contract tests: start one per test class, then take a clean,
 * migrated database per test with {@link #cleanDatabaseUrl()}.
 */
public final class TestPostgres implements AutoCloseable {
    private static final String DATABASE = "vodhook_test";
    private final EmbeddedPostgresServer postgres;

    private TestPostgres(EmbeddedPostgresServer postgres) {
        this.postgres = postgres;
    }

    public static TestPostgres start() {
        TestPostgres server = new TestPostgres(EmbeddedPostgresServer.start(50));
        Database.open(server.postgres.createDatabase(DATABASE)).close();
        return server;
    }

    /**
     * The test database, migrated, with every table emptied, as a JDBC URL (user in the URL, no
     * password). Emptying is much faster than creating a database per test (~15 ms vs ~350 ms).
     */
    public String cleanDatabaseUrl() {
        postgres.execute(DATABASE, "TRUNCATE inbox, media, task, media_output, notification, notify_endpoint,"
                + " delivery, delivery_attempt RESTART IDENTITY");
        return postgres.jdbcUrl(DATABASE);
    }

    @Override
    public void close() {
        postgres.close();
    }
}
