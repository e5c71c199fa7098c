package dev.vodhook.store.internal;

import dev.vodhook.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Write transactions that arrive while another is committing share the next one, each under its own savepoint: a
 * write that fails is rolled back alone and gets its exception, the others commit together. On a database with one
 * writer (SQLite: one connection, an fsync per commit) this turns many small commits, such as those of a batch of
 * events handled at once, into a few. A write that arrives alone runs in a transaction of its own at once, as
 * before; nobody waits for company.
 *
 * <p>No thread of its own: the caller that gets the lock runs every write waiting (flat combining) and the others
 * find theirs done when they get it. Each caller returns once its write is committed, or throws.
 */
final class CombiningWriter {
    /** Writes one transaction takes at most, so that none holds the writer for long. */
    static final int MAX_WRITES = 64;

    private final Jdbi jdbi;
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending<?>> waiting = new ConcurrentLinkedQueue<>();

    CombiningWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs {@code work} in a write transaction, possibly shared; its result once committed. */
    <T> T write(String what, HandleCallback<T, RuntimeException> work) {
        Pending<T> mine = new Pending<>(what, work);
        waiting.add(mine);
        lock.lock();
        try {
            while (!mine.settled) {
                run(take());
            }
        } finally {
            lock.unlock();
        }
        return mine.outcome();
    }

    /** Writes waiting for a transaction (for tests). */
    int waiting() {
        return waiting.size();
    }

    private List<Pending<?>> take() {
        List<Pending<?>> batch = new ArrayList<>();
        Pending<?> next;
        while (batch.size() < MAX_WRITES && (next = waiting.poll()) != null) {
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            runAlone(batch.getFirst());
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).runUnder(h, "combined_" + i);
                }
            });
            batch.forEach(Pending::settle);
        } catch (JdbiException e) {
            batch.forEach(p -> p.fail(new StoreException(p.what + " failed (in a transaction shared with "
                    + (batch.size() - 1) + " other writes): " + e.getMessage(), e)));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.fail(e));
        }
    }

    private <T> void runAlone(Pending<T> p) {
        try {
            p.result = jdbi.inTransaction(p.work);
            p.settle();
        } catch (JdbiException e) {
            p.fail(new StoreException(p.what + " failed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            p.fail(e);
        }
    }

    /** One write: what it is, its work, and once settled its result or failure. Guarded by the lock. */
    private static final class Pending<T> {
        final String what;
        final HandleCallback<T, RuntimeException> work;
        T result;
        RuntimeException failure;
        volatile boolean settled;

        Pending(String what, HandleCallback<T, RuntimeException> work) {
            this.what = what;
            this.work = work;
        }

        /** Runs the work under a savepoint of the shared transaction; a failure rolls back this work alone. */
        void runUnder(Handle h, String savepoint) {
            h.savepoint(savepoint);
            try {
                result = work.withHandle(h);
                h.releaseSavepoint(savepoint);
            } catch (JdbiException e) {
                h.rollbackToSavepoint(savepoint);
                failure = new StoreException(what + " failed: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                h.rollbackToSavepoint(savepoint);
                failure = e;
            }
        }

        void settle() {
            settled = true;
        }

        /** The transaction as a whole failed: whatever the work did is gone. */
        void fail(RuntimeException e) {
            result = null;
            failure = e;
            settled = true;
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
