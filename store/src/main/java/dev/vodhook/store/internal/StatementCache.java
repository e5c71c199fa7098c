package dev.vodhook.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * Keeps the prepared statements of SQLite's one writer connection from one transaction to the next. Neither JDBI,
 * HikariCP nor the SQLite driver caches statements, so every INSERT of every transaction was compiled by SQLite
 * anew: a fifth of the CPU of handling an event went into {@code sqlite3_prepare}. Statements are prepared on the
 * pooled connection's physical SQLite connection (the pool's proxy would close them when a handle returns it),
 * reused once closed by JDBI, and dropped when the physical connection changes. A statement still in use when the
 * same SQL is asked for again is not shared: the second gets one of its own, closed after use as usual.
 */
final class StatementCache implements StatementBuilderFactory {
    private static final Logger log = LoggerFactory.getLogger(StatementCache.class);
    /** Distinct statements kept at most; the least recently used beyond it is closed. */
    static final int CAPACITY = 256;

    private final StatementBuilder builder = new Builder();
    /** Every statement prepared here and not closed, with the SQL it was prepared from. */
    private final Map<Statement, String> ours = new IdentityHashMap<>();
    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY) {
                return false;
            }
            discard(eldest.getValue());
            return true;
        }
    };
    private Connection physical;
    private long prepared;

    @Override
    public StatementBuilder createStatementBuilder(Connection conn) {
        return builder;
    }

    /** A statement for store code that binds with plain JDBC on the writer's connection; give it back with release. */
    PreparedStatement prepare(Connection pooled, String sql) throws SQLException {
        return take(pooled, sql);
    }

    /** Keeps a statement of {@link #prepare} for the next use of its SQL (or closes it if it is not ours). */
    void release(PreparedStatement s) throws SQLException {
        if (!giveBack(s)) {
            s.close();
        }
    }

    /** Statements prepared and not closed, idle or in use (for tests). */
    synchronized int open() {
        return ours.size();
    }

    /** Statements prepared since this cache was made (for tests). */
    synchronized long prepared() {
        return prepared;
    }

    private synchronized PreparedStatement take(Connection pooled, String sql) throws SQLException {
        Connection c = pooled.isWrapperFor(SQLiteConnection.class) ? pooled.unwrap(SQLiteConnection.class) : pooled;
        if (c != physical) { // the pool replaced its connection: what was prepared on the old one is gone
            idle.values().forEach(this::discard);
            idle.clear();
            ours.clear();
            physical = c;
        }
        PreparedStatement s = idle.remove(sql);
        if (s == null || s.isClosed()) {
            s = c.prepareStatement(sql);
            ours.put(s, sql);
            prepared++;
        }
        return s;
    }

    /**
     * Keeps {@code s} for the next use of its SQL. JDBI names the statement by its SQL before its named parameters
     * became {@code ?}, so the SQL it was prepared from is looked up here.
     */
    private synchronized boolean giveBack(Statement s) throws SQLException {
        String sql = ours.get(s);
        if (sql == null) {
            return false;
        }
        if (s.isClosed() || idle.containsKey(sql)) {
            discard(s);
            return true;
        }
        s.clearWarnings();
        ((PreparedStatement) s).clearParameters();
        idle.put(sql, (PreparedStatement) s);
        return true;
    }

    private void discard(Statement s) {
        ours.remove(s);
        try {
            s.close();
        } catch (SQLException e) {
            log.debug("Closing a cached statement failed: {}", e.getMessage());
        }
    }

    private final class Builder extends DefaultStatementBuilder {
        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return super.create(conn, sql, ctx);
            }
            return take(conn, sql);
        }

        @Override
        public void close(Connection conn, String sql, Statement stmt) throws SQLException {
            if (!giveBack(stmt)) {
                super.close(conn, sql, stmt);
            }
        }
    }
}
