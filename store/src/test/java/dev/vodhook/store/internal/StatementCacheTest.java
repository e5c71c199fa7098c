package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class StatementCacheTest {
    @TempDir
    Path dir;

    final StatementCache cache = new StatementCache();
    Jdbi jdbi;

    @BeforeEach
    void createTable() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        jdbi = Jdbi.create(source);
        jdbi.useHandle(h -> h.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)"));
        jdbi.setStatementBuilderFactory(cache);
    }

    @Test
    void aStatementIsPreparedOnceAndItsParametersDoNotCarryOver() {
        jdbi.useHandle(h -> {
            for (int n = 1; n <= 50; n++) {
                h.createUpdate("INSERT INTO t (n, s) VALUES (:n, :s)").bind("n", n).bind("s", "row " + n).execute();
                assertThat(h.createQuery("SELECT s FROM t WHERE n = :n").bind("n", n).mapTo(String.class).one())
                        .isEqualTo("row " + n);
            }
            assertThat(cache.open()).isEqualTo(2);
            assertThat(cache.prepared()).isEqualTo(2);
        });
        assertThat(rows()).hasSize(50).startsWith("row 1", "row 2").endsWith("row 50");
    }

    @Test
    void theSameSqlInUseTwiceAtOnceGetsTwoStatements() {
        String sql = "SELECT n FROM t WHERE n >= :from ORDER BY n";
        jdbi.useHandle(h -> {
            h.execute("INSERT INTO t (n, s) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
            try (var outer = h.createQuery(sql).bind("from", 2).mapTo(Integer.class).stream()) {
                List<Integer> pairs = outer.map(n -> n * 10
                        + h.createQuery(sql).bind("from", 1).mapTo(Integer.class).list().size()).toList();
                assertThat(pairs).containsExactly(23, 33);
            }
            assertThat(h.createQuery(sql).bind("from", 3).mapTo(Integer.class).list()).containsExactly(3);
        });
    }

    @Test
    void statementsOfAConnectionThatWentAreNotReused() {
        jdbi.useHandle(h -> h.execute("INSERT INTO t (n, s) VALUES (1, 'a')"));
        jdbi.useHandle(h -> h.execute("INSERT INTO t (n, s) VALUES (2, 'b')")); // another physical connection
        assertThat(cache.open()).isEqualTo(1);
        assertThat(rows()).containsExactly("a", "b");
    }

    @Test
    void plainJdbcStatementsAreKeptForTheNextTransaction() throws SQLException {
        String sql = "INSERT INTO t (n, s) VALUES (?, ?), (?, ?) RETURNING n";
        Set<PreparedStatement> statements = new HashSet<>();
        try (Handle h = jdbi.open()) { // one connection, as the writer's pool keeps it
            for (int round = 0; round < 20; round++) {
                int first = 2 * round + 1;
                List<Integer> returned = h.<List<Integer>, SQLException>inTransaction(tx -> {
                    PreparedStatement s = cache.prepare(tx.getConnection(), sql);
                    statements.add(s);
                    try {
                        s.setInt(1, first);
                        s.setString(2, "row " + first);
                        s.setInt(3, first + 1);
                        s.setString(4, "row " + (first + 1));
                        List<Integer> ns = new ArrayList<>();
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                ns.add(rs.getInt(1));
                            }
                        }
                        return ns;
                    } finally {
                        cache.release(s);
                    }
                });
                assertThat(returned).containsExactlyInAnyOrder(first, first + 1);
            }
        }
        assertThat(statements).hasSize(1);
        assertThat(cache.prepared()).isEqualTo(1);
        assertThat(rows()).hasSize(40).startsWith("row 1", "row 2").endsWith("row 40");
    }

    List<String> rows() {
        return jdbi.withHandle(h -> h.createQuery("SELECT s FROM t ORDER BY n").mapTo(String.class).list());
    }
}
