package dev.vodhook.store;

import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Where the store's classes run SQL: writes in a transaction on the writer pool, reads on the
 * reader pool (the same pool on PostgreSQL). Turns JDBI's failures into {@link StoreException}.
 */
final class Storage {
    private final Jdbi writer;
    private final Jdbi reader;
    private final Dialect dialect;

    Storage(Jdbi writer, Jdbi reader, Dialect dialect) {
        this.writer = writer;
        this.reader = reader;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    <T> T write(String what, HandleCallback<T, RuntimeException> work) {
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
