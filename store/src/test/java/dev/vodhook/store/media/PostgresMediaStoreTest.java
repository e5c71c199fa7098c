package dev.vodhook.store.media;

import dev.vodhook.store.Database;
import dev.vodhook.store.DatabaseOptions;
import dev.vodhook.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresMediaStoreTest extends MediaStoreContract {
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
