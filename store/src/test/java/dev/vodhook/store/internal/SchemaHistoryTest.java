package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.store.Database;
import dev.vodhook.store.StoreException;
import dev.vodhook.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

class SchemaHistoryTest {
    private static final String DIRECTORY = "dev/vodhook/store/db";

    @TempDir
    Path dir;

    private final SchemaHistory bundled = SchemaHistory.bundled(getClass().getClassLoader(), DIRECTORY,
            List.of(new FillInboxIds()));

    @Test
    void theIndexNamesEverySqlMigrationOfTheDirectory() throws Exception {
        Path directory = Path.of(getClass().getClassLoader().getResource(DIRECTORY).toURI());
        List<String> index = Files.readAllLines(Path.of(getClass().getClassLoader().getResource(SchemaHistory.INDEX)
                .toURI())).stream().filter(l -> !l.isBlank()).toList();
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(index).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .toList());
        }
    }

    @Test
    void aDatabaseFlywayMigratedIsUpToDateWithTheSameChecksums() {
        SQLiteDataSource source = migrated();

        assertThat(bundled.isUpToDate(source)).isTrue();
        assertThat(bundled.latest()).isEqualTo("6");
    }

    @Test
    void aPostgresqlDatabaseFlywayMigratedIsUpToDate() throws SQLException {
        try (TestPostgres postgres = TestPostgres.start()) {
            String url = postgres.cleanDatabaseUrl();
            Database.open(url).close();
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(url);

            assertThat(bundled.isUpToDate(source)).isTrue();
        }
    }

    @Test
    void noHistoryYetIsForFlyway() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("empty.db"));

        assertThat(bundled.isUpToDate(source)).isFalse();
    }

    @Test
    void aMigrationChangedSinceItWasAppliedIsForFlywayWhichRefusesIt() throws SQLException {
        SQLiteDataSource source = migrated();
        execute(source, "UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

        assertThat(bundled.isUpToDate(source)).isFalse();
        assertThatThrownBy(() -> Database.open(source.getUrl()).close()).isInstanceOf(StoreException.class)
                .hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFailedOrANewerMigrationIsForFlyway() throws SQLException {
        SQLiteDataSource failed = migrated();
        execute(failed, "UPDATE flyway_schema_history SET success = 0 WHERE version = '6'");
        SQLiteDataSource newer = migrated();
        execute(newer, "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from a newer vodhook', 'SQL',"
                + " 'V99__from_a_newer_vodhook.sql', 1, 'test', 1, 1)");

        assertThat(bundled.isUpToDate(failed)).isFalse();
        assertThat(bundled.isUpToDate(newer)).isFalse();
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertThat(SchemaHistory.later("5.1", "6")).isEqualTo("6");
        assertThat(SchemaHistory.later("10", "9")).isEqualTo("10");
        assertThat(SchemaHistory.later("5", "5.1")).isEqualTo("5.1");
    }

    private SQLiteDataSource migrated() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("db-" + System.nanoTime() + ".db"));
        Database.open(source.getUrl()).close();
        return source;
    }

    private static void execute(SQLiteDataSource source, String sql) throws SQLException {
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
