package dev.vodhook.service.intake;

import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.http.Overloaded;
import dev.vodhook.store.inbox.AppendOutcome;
import dev.vodhook.store.inbox.AppendResult;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the inbox: callers queue events and wait; one committer appends whatever is
 * queued, up to a batch, in one transaction, then answers each caller with its own result. Under
 * load the batch grows by itself (everything that arrived during the previous commit), so the cost
 * of durability is shared; idle, an event is committed alone at once. No caller hears "stored"
 * before its commit returned.
 *
 * <p>A failed batch is retried once with a savepoint per event ({@link Inbox#appendEach}), so an
 * event the database refuses fails alone and its neighbours commit. If that fails too (the
 * database is down) every caller in the batch gets the {@link StoreException}. The queue is bounded:
 * when it is full, or a commit does not come within the commit timeout, the caller gets
 * {@link Overloaded} (503 with Retry-After for a callback).
 *
 * <p>{@link #runOnce()} commits one batch of what is queued, for tests; {@link #start()} runs the
 * committer on its own thread until {@link #close()}, which commits what is queued first.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int RETRY_AFTER_SECONDS = 1;
    /** Yields before a commit at most, while the queue still grows (see {@link #letOthersQueue()}). */
    private static final int MAX_YIELDS = 8;

    private record Pending(IncomingEvent event, CompletableFuture<AppendResult> result, long queuedAt) {
        Pending(IncomingEvent event) {
            this(event, new CompletableFuture<>(), System.nanoTime());
        }
    }

    private final Inbox inbox;
    private final int maxBatch;
    private final Duration commitTimeout;
    private final BlockingQueue<Pending> queue;
    private final ServiceMetrics metrics;
    private final Runnable onStored;
    private final int committers;
    private volatile boolean closing;
    private volatile Thread watchdog;
    private final List<Thread> running = new ArrayList<>();
    /** The batch each committer thread is committing, for the watchdog. */
    private final Map<Thread, List<Pending>> committing = new ConcurrentHashMap<>();

    /** @param onStored called after a commit that stored at least one new event (wakes the processor) */
    public GroupCommit(Inbox inbox, IntakeSettings settings, ServiceMetrics metrics, Runnable onStored) {
        this(inbox, settings, 1, metrics, onStored);
    }

    /**
     * @param committers batches committed at once, each in its own transaction: 1 for SQLite (one
     *                   writer); more lets PostgreSQL overlap one batch's commit with the next
     */
    public GroupCommit(Inbox inbox, IntakeSettings settings, int committers, ServiceMetrics metrics,
            Runnable onStored) {
        this.committers = committers;
        this.inbox = inbox;
        this.maxBatch = settings.maxBatch();
        this.commitTimeout = settings.commitTimeout();
        this.queue = new LinkedBlockingQueue<>(settings.queueCapacity()); // producers and the committer lock apart
        this.metrics = metrics;
        this.onStored = onStored;
    }

    /**
     * Appends the event with the next commit and returns its result once committed. Throws
     * {@link Overloaded} when the queue is full or the commit does not come in time (the event may
     * still be committed: a retry then finds it as a duplicate), {@link StoreException} when the
     * database failed it.
     */
    public AppendResult append(IncomingEvent event) {
        Pending pending = new Pending(event);
        if (closing || !queue.offer(pending)) {
            metrics.rejected("overloaded");
            throw new Overloaded(closing ? "the receiver is shutting down; try again"
                    : "the receiver is busy (" + queue.size() + " events waiting for a commit); try again",
                    RETRY_AFTER_SECONDS);
        }
        return await(pending.result());
    }

    /**
     * Appends several events, waiting up to the commit timeout for room in the queue rather than
     * failing at once, and returns each one's result, empty for those that could not be stored.
     */
    public List<Optional<AppendResult>> appendAll(List<IncomingEvent> events) {
        List<CompletableFuture<AppendResult>> futures = new ArrayList<>(events.size());
        long deadline = System.nanoTime() + commitTimeout.toNanos();
        for (IncomingEvent event : events) {
            Pending pending = new Pending(event);
            futures.add(pending.result());
            if (!offer(pending, deadline)) {
                pending.result().completeExceptionally(new Overloaded("no room in the commit queue",
                        RETRY_AFTER_SECONDS));
            }
        }
        List<Optional<AppendResult>> results = new ArrayList<>(events.size());
        for (CompletableFuture<AppendResult> future : futures) {
            try {
                results.add(Optional.of(await(future)));
            } catch (RuntimeException e) {
                results.add(Optional.empty());
            }
        }
        return results;
    }

    /** Commits one batch of the queued events, if any; returns how many. For tests and tools. */
    public int runOnce() {
        List<Pending> batch = new ArrayList<>();
        queue.drainTo(batch, maxBatch);
        if (!batch.isEmpty()) {
            commit(batch);
        }
        return batch.size();
    }

    /** How many events wait for a commit. */
    public int queued() {
        return queue.size();
    }

    public synchronized void start() {
        if (!running.isEmpty()) {
            throw new IllegalStateException("group commit already started");
        }
        for (int i = 0; i < committers; i++) {
            running.add(Thread.ofPlatform().name("vodhook-group-commit-" + i).daemon().start(this::runUntilClosed));
        }
        watchdog = Thread.ofPlatform().name("vodhook-group-commit-watchdog").daemon().start(this::watchUntilClosed);
    }

    /** Refuses new events, commits those queued, and stops the committer. */
    @Override
    public void close() {
        List<Thread> threads;
        synchronized (this) {
            closing = true;
            threads = List.copyOf(running);
        }
        long deadline = System.nanoTime() + commitTimeout.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (runOnce() > 0) {
            // committed what was still queued (no committer thread, or it did not stop in time)
        }
        Thread watching = watchdog;
        if (watching != null) {
            watching.interrupt();
        }
    }

    private void runUntilClosed() {
        Thread self = Thread.currentThread();
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                letOthersQueue();
                List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size() + 1));
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                committing.put(self, batch);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                committing.remove(self);
            }
        }
    }

    /**
     * Before a commit, gives the CPU to whoever is ready to run for as long as that makes the queue grow (a few
     * times at most): on one core the committer, woken by the first event, would otherwise take the core at once
     * and commit that event alone while the requests behind it wait their turn. When nobody else is ready, a yield
     * returns at once and the event is committed without delay.
     */
    private void letOthersQueue() {
        for (int i = 0; i < MAX_YIELDS && queue.size() < maxBatch; i++) {
            int before = queue.size();
            Thread.yield();
            if (queue.size() == before) {
                return;
            }
        }
    }

    /**
     * Answers {@link Overloaded} to every caller whose event has waited longer than the commit
     * timeout, queued or in a commit that does not return. One thread does this for all callers,
     * so that waiting for a commit costs a caller no timer of its own. The event may still be
     * committed later; a retry then finds it as a duplicate.
     */
    private void watchUntilClosed() {
        long timeout = commitTimeout.toNanos();
        Duration tick = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(10), timeout / 10));
        while (!closing) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Pending p : queue) { // oldest first
                if (now - p.queuedAt() < timeout) {
                    break;
                }
                expire(p);
            }
            for (List<Pending> batch : committing.values()) {
                for (Pending p : batch) {
                    if (now - p.queuedAt() >= timeout) {
                        expire(p);
                    }
                }
            }
        }
    }

    private void expire(Pending p) {
        if (p.result().completeExceptionally(new Overloaded("the event was not committed within " + commitTimeout
                + "; try again", RETRY_AFTER_SECONDS))) {
            metrics.rejected("commit_timeout");
        }
    }

    /** The boundary of one batch: every caller in it is answered, whatever happens. */
    private void commit(List<Pending> batch) {
        long started = System.nanoTime();
        List<IncomingEvent> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(p.event());
        }
        boolean storedNew = false;
        try {
            List<AppendResult> results = inbox.appendAll(events);
            for (int i = 0; i < batch.size(); i++) {
                storedNew |= !results.get(i).duplicate();
                batch.get(i).result().complete(results.get(i));
            }
        } catch (StoreException e) {
            storedNew = batch.size() > 1 ? retryOneByOne(batch, events, e) : failAll(batch, e);
        } catch (RuntimeException e) {
            log.error("A group commit of {} events failed unexpectedly: {}; their senders get an error and retry",
                    batch.size(), e.toString(), e);
            failAll(batch, e);
        }
        metrics.groupCommit(batch.size(), System.nanoTime() - started);
        if (storedNew) {
            onStored.run();
        }
    }

    private boolean retryOneByOne(List<Pending> batch, List<IncomingEvent> events, StoreException batchFailure) {
        log.warn("A group commit of {} events failed: {}; retrying them one by one so that a bad event cannot fail"
                + " the others", batch.size(), batchFailure.getMessage());
        List<AppendOutcome> outcomes;
        try {
            outcomes = inbox.appendEach(events);
        } catch (StoreException e) {
            log.error("Retrying {} events one by one failed too: {}; their senders get 503 and retry", batch.size(),
                    e.getMessage());
            return failAll(batch, e);
        }
        boolean storedNew = false;
        for (int i = 0; i < batch.size(); i++) {
            AppendOutcome outcome = outcomes.get(i);
            IncomingEvent event = events.get(i);
            if (outcome.result().isPresent()) {
                storedNew |= !outcome.result().get().duplicate();
                batch.get(i).result().complete(outcome.result().get());
            } else {
                String reason = outcome.failure().orElse("refused");
                log.error("The database refused a {} event (dedupe key {}): {}; its sender gets 503, the rest of"
                        + " its batch is stored", event.eventType(), event.dedupeKey(), reason);
                batch.get(i).result().completeExceptionally(new StoreException("append event failed: " + reason, null));
            }
        }
        return storedNew;
    }

    private static boolean failAll(List<Pending> batch, RuntimeException e) {
        for (Pending p : batch) {
            p.result().completeExceptionally(e);
        }
        return false;
    }

    private boolean offer(Pending pending, long deadline) {
        try {
            return !closing && queue.offer(pending, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits for the commit: with a committer running, its watchdog ends the wait at the commit
     * timeout; without (tests stepping {@link #runOnce()}), the wait itself is timed.
     */
    private AppendResult await(CompletableFuture<AppendResult> result) {
        try {
            return watchdog != null ? result.get() : result.get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new StoreException("append event failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            metrics.rejected("commit_timeout");
            throw new Overloaded("the event was not committed within " + commitTimeout + "; try again",
                    RETRY_AFTER_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Overloaded("interrupted while waiting for the commit; try again", RETRY_AFTER_SECONDS);
        }
    }
}
