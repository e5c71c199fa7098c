package dev.vodhook.store.internal;

import dev.vodhook.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's one writer: a platform thread of its own that runs every write transaction. Writes that arrive while it
 * is committing share its next transaction, each under its own savepoint: a write that fails is rolled back alone
 * and gets its exception, the others commit together. A write that arrives alone runs in a transaction of its own
 * at once; nobody waits for company.
 *
 * <p>Why a thread and not the callers: SQLite runs in native code, and a virtual thread inside a native call holds
 * its carrier. Handlers and requests are virtual threads; with one core there is one carrier, so a handler
 * committing (an fsync) used to stop every other handler and request until it was done, and each commit carried
 * one write. Callers here park instead, freeing the carrier, and the writer finds their writes queued together.
 * Each caller returns once its write is committed, or throws.
 */
final class CombiningWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CombiningWriter.class);
    /** Writes one transaction takes at most, so that none holds the writer for long. */
    static final int MAX_WRITES = 64;

    /** Put in the queue by {@link #close()}: the writer stops when it comes to it. */
    private static final Pending<Void> STOP = new Pending<>("stop", h -> null);

    private final Jdbi jdbi;
    private final LinkedBlockingQueue<Pending<?>> waiting = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    CombiningWriter(Jdbi jdbi, String name) {
        this.jdbi = jdbi;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::runUntilClosed);
    }

    /** Runs {@code work} in a write transaction, possibly shared; its result once committed. */
    <T> T write(String what, HandleCallback<T, RuntimeException> work) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException(what + ": a write inside a write would wait for itself");
        }
        Pending<T> mine = new Pending<>(what, work);
        if (closed) {
            throw new StoreException(what + " refused: the store is closed", null);
        }
        waiting.add(mine);
        mine.awaitSettled();
        return mine.outcome();
    }

    /** Writes waiting for a transaction (for tests). */
    int waiting() {
        return waiting.size();
    }

    /** Runs what is queued, then stops the writer thread; later writes are refused. */
    @Override
    public void close() {
        closed = true;
        waiting.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUntilClosed() {
        List<Pending<?>> batch = new ArrayList<>(MAX_WRITES);
        boolean stopping = false;
        while (!stopping) {
            batch.add(takeUninterruptibly());
            waiting.drainTo(batch, MAX_WRITES - 1);
            stopping = batch.remove(STOP);
            try {
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (RuntimeException | Error e) { // run settles every write itself; this is a bug's last stop
                log.error("The SQLite writer failed outside a transaction: {}; the writes it held fail", e, e);
                batch.forEach(p -> p.fail(new StoreException(p.what + " failed: " + e, e)));
            }
            batch.clear();
        }
        for (Pending<?> late; (late = waiting.poll()) != null; ) { // queued after close() had begun
            late.fail(new StoreException(late.what + " refused: the store is closed", null));
        }
    }

    private Pending<?> takeUninterruptibly() {
        while (true) {
            try {
                return waiting.take();
            } catch (InterruptedException e) {
                // nobody but close() may stop the writer, and it says so by STOP
            }
        }
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

    /** One write: what it is, its work, and once settled its result or failure. */
    private static final class Pending<T> {
        final String what;
        final HandleCallback<T, RuntimeException> work;
        private final CountDownLatch settled = new CountDownLatch(1);
        T result;
        RuntimeException failure;

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
            settled.countDown();
        }

        /** The transaction as a whole failed: whatever the work did is gone. */
        void fail(RuntimeException e) {
            result = null;
            failure = e;
            settled.countDown();
        }

        /**
         * Waits until the writer has settled this write, even if interrupted: once queued it may be committing,
         * and the caller must learn how it ended. The interrupt is kept for the caller.
         */
        void awaitSettled() {
            boolean interrupted = false;
            while (true) {
                try {
                    settled.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        T outcome() {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }
}
