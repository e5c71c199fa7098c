package dev.vodhook.store;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Where the store's classes run SQL: writes in a transaction on the writer pool, reads on the
 * reader pool (the same pool on PostgreSQL). Turns JDBI's failures into {@link StoreException}.
 * On SQLite, whose one writer connection commits with an fsync, writes that arrive together
 * share a transaction ({@link CombiningWriter}).
 */
final class Storage {
    private final Jdbi writer;
    private final Jdbi reader;
    private final Dialect dialect;
    private final CombiningWriter combined;

    Storage(Jdbi writer, Jdbi reader, Dialect dialect) {
        this.writer = writer;
        this.reader = reader;
        this.dialect = dialect;
        this.combined = dialect == Dialect.SQLITE ? new CombiningWriter(writer) : null;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T write(String what, HandleCallback<T, RuntimeException> work) {
        if (combined != null) {
            return combined.write(what, work);
        }
        try {
            return writer.inTransaction(work);
        } catch (JdbiException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    <T> T read(String what, HandleCallback<T, RuntimeException> work) {
        try {
            return reader.withHandle(work);
        } catch (JdbiException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }
}
