package dev.vodhook.service.intake;

import dev.vodhook.service.TestDatabases;

class PostgresGroupCommitTest extends GroupCommitContract {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresUrl();
    }
}
