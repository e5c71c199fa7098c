package dev.vodhook.service;

class PostgresGroupCommitTest extends GroupCommitContract {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresUrl();
    }
}
