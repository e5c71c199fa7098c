package dev.vodhook.store.internal;

import dev.vodhook.store.Dialect;
import dev.vodhook.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Where the store's classes run SQL: writes in a transaction on the writer pool, reads on the
 * reader pool (the same pool on PostgreSQL). Turns JDBI's failures into {@link StoreException}.
 * On SQLite, whose one writer connection commits with an fsync, writes that arrive together
 * share a transaction ({@link CombiningWriter}).
 */
public final class Storage implements AutoCloseable {
    private final Jdbi writer;
    private final Jdbi reader;
    private final Dialect dialect;
    private final CombiningWriter combined;
    private final StatementCache statements;

    /** What store code does with a statement of {@link #withStatement}. */
    @FunctionalInterface
    public interface StatementUse<T> {
        T use(PreparedStatement statement) throws SQLException;
    }

    public Storage(Jdbi writer, Jdbi reader, Dialect dialect) {
        this.writer = writer;
        this.reader = reader;
        this.dialect = dialect;
        if (dialect == Dialect.SQLITE) {
            this.statements = new StatementCache();
            writer.setStatementBuilderFactory(statements);
            this.combined = new CombiningWriter(writer, "vodhook-sqlite-writer");
        } else {
            this.statements = null;
            this.combined = null;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public <T> T write(String what, HandleCallback<T, RuntimeException> work) {
        if (combined != null) {
            return combined.write(what, work);
        }
        try {
            return writer.inTransaction(work);
        } catch (JdbiException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code use} with a statement prepared from {@code sql} on the connection of {@code h}, for store code that
     * binds with plain JDBC (the inbox's multi-row append): on SQLite's writer from its statement cache, so that the
     * statement is compiled once and kept for the next transaction; elsewhere prepared and closed. {@code use} must
     * be done with the statement (its results read) when it returns.
     */
    public <T> T withStatement(Handle h, String sql, StatementUse<T> use) throws SQLException {
        if (statements == null) {
            try (PreparedStatement statement = h.getConnection().prepareStatement(sql)) {
                return use.use(statement);
            }
        }
        PreparedStatement statement = statements.prepare(h.getConnection(), sql);
        try {
            return use.use(statement);
        } finally {
            statements.release(statement);
        }
    }

    /**
     * {@link #withStatement(Handle, String, StatementUse)} for the statements of the hot path, which bind with plain
     * JDBC (through JDBI, rendering, parsing and binding them by name cost about as much CPU as the database's work);
     * a failure is a {@link StoreException} saying {@code what} failed.
     */
    public <T> T statement(Handle h, String what, String sql, StatementUse<T> use) {
        try {
            return withStatement(h, sql, use);
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    /** Stops SQLite's writer thread once what it holds is written; PostgreSQL has nothing to stop. */
    @Override
    public void close() {
        if (combined != null) {
            combined.close();
        }
    }

    public <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return reader.withHandle(work);
        } catch (JdbiException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }
}
