package dev.vodhook.store.internal;

import dev.vodhook.store.Dialect;
import dev.vodhook.store.StoreException;
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

    public Storage(Jdbi writer, Jdbi reader, Dialect dialect) {
        this.writer = writer;
        this.reader = reader;
        this.dialect = dialect;
        if (dialect == Dialect.SQLITE) {
            writer.setStatementBuilderFactory(new StatementCache());
            this.combined = new CombiningWriter(writer, "vodhook-sqlite-writer");
        } else {
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
