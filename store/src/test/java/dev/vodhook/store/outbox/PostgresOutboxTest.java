package dev.vodhook.store.outbox;

import dev.vodhook.store.Database;
import dev.vodhook.store.DatabaseOptions;
import dev.vodhook.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresOutboxTest extends OutboxContract {
    static TestPostgres postgres;

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
        return Database.open(postgres.cleanDatabaseUrl(), DatabaseOptions.defaults().withMaxPoolSize(4));
    }
}
