package dev.vodhook.service.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.events.EventParser;
import dev.vodhook.events.MalformedEventException;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.vod.VodApiException;
import dev.vodhook.service.vod.VodEventQueue;
import dev.vodhook.store.inbox.AppendResult;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliable callback (PULL): PullEvents, commit every event to the inbox (a redelivered event is a
 * duplicate by its dedupe key), and only then ConfirmEvents for the committed ones, in batches of
 * at most 16, seconds after the pull and so well within VOD's 30 s. An event that could not be
 * committed is not confirmed: VOD delivers it again after 30 s. A confirmation that fails costs
 * nothing but a redelivery, which is recognised as a duplicate.
 *
 * <p>{@link #runOnce()} is one round (pull, commit, confirm) for tests. {@link #start()} runs
 * {@code pullers} loops, each pulling again at once after events, after VOD's hold when there were
 * none (at least {@link #MIN_EMPTY_ROUND} apart, should VOD answer an empty queue at once), and
 * after a backoff with jitter when PullEvents failed (e.g. {@code RequestLimitExceeded}).
 * In the loops a round's confirmation runs beside the next pull. {@link #close()} stops pulling and
 * waits for rounds in progress to commit and for their confirmations.
 */
public final class PullIntake implements AutoCloseable {
    /** Shortest time between two empty rounds of one loop. */
    static final Duration MIN_EMPTY_ROUND = Duration.ofSeconds(1);
    /** Confirmations a loop may have pending while it pulls on. */
    static final int CONFIRMS_IN_FLIGHT = 4;
    /** Backoff after failed pulls: 1 s doubling to 60 s, up to half of it taken off at random. */
    static final RetryPolicy BACKOFF = new RetryPolicy(Integer.MAX_VALUE, Duration.ofSeconds(1), 2.0,
            Duration.ofSeconds(60), 0.5);
    private static final Logger log = LoggerFactory.getLogger(PullIntake.class);

    /**
     * What one round did.
     *
     * @param backoff how long the loop waits before the next round (zero: at once)
     * @param error   why PullEvents failed, if it did
     */
    public record Round(int pulled, int stored, int duplicates, int confirmed, int unconfirmed, Duration backoff,
            Optional<String> error) {
        static final Round EMPTY = new Round(0, 0, 0, 0, 0, Duration.ZERO, Optional.empty());

        static Round failed(String error, Duration backoff) {
            return new Round(0, 0, 0, 0, 0, backoff, Optional.of(error));
        }

        Round withConfirmed(int n) {
            return new Round(pulled, stored, duplicates, n, pulled - n, backoff, error);
        }
    }

    private final VodEventQueue queue;
    private final GroupCommit commit;
    private final int pullers;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final RandomGenerator random;
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final List<Thread> loops = new ArrayList<>();
    private final ExecutorService confirmers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore confirmSlots;

    public PullIntake(VodEventQueue queue, GroupCommit commit, int pullers, Clock clock, ServiceMetrics metrics,
            RandomGenerator random) {
        this.queue = queue;
        this.commit = commit;
        this.pullers = pullers;
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.confirmSlots = new Semaphore(CONFIRMS_IN_FLIGHT * pullers);
    }

    /** One round: pull, commit, confirm the committed. */
    public Round runOnce() {
        Committed committed = pullAndCommit();
        return committed.round().withConfirmed(confirm(committed.handles()));
    }

    /** A round whose events are committed; {@code handles} are to be confirmed. */
    private record Committed(Round round, List<String> handles) {
        static final Committed NONE = new Committed(Round.EMPTY, List.of());
    }

    private Committed pullAndCommit() {
        VodEventQueue.Pulled pulled;
        try {
            pulled = queue.pull();
        } catch (VodApiException e) {
            int failures = failuresInARow.incrementAndGet();
            Duration backoff = BACKOFF.backoff(failures, jitter());
            metrics.pullFailed(e.code());
            log.warn("PullEvents failed ({} in a row): {}; will pull again in {} ms", failures, e.getMessage(),
                    backoff.toMillis());
            return new Committed(Round.failed(e.getMessage(), backoff), List.of());
        }
        failuresInARow.set(0);
        if (pulled.events().isEmpty()) {
            return Committed.NONE;
        }
        return commit(pulled);
    }

    public synchronized void start() {
        if (!loops.isEmpty()) {
            throw new IllegalStateException("pull intake already started");
        }
        for (int i = 0; i < pullers; i++) {
            loops.add(Thread.ofVirtual().name("vodhook-pull-" + i).start(this::runUntilStopped));
        }
        log.info("Pull intake started: {} PullEvents loop(s) on {}", pullers, queue);
    }

    /** Stops pulling; rounds in progress finish (their events committed and confirmed) within {@code grace}. */
    public void close(Duration grace) {
        stop.countDown();
        long deadline = System.nanoTime() + grace.toNanos();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(loops);
        }
        for (Thread loop : running) {
            try {
                if (!loop.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    log.warn("A PullEvents round did not finish within {}; the events it holds will be delivered"
                            + " again by VOD after 30 s", grace);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        confirmers.shutdown();
        try {
            if (!confirmers.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("Confirmations still pending after {}; those events will be delivered again by VOD", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!running.isEmpty()) {
            log.info("Pull intake stopped");
        }
    }

    /** Stops pulling, waiting up to 15 s (VOD's 5 s hold, then commit and confirm). */
    @Override
    public void close() {
        close(Duration.ofSeconds(15));
    }

    private Committed commit(VodEventQueue.Pulled pulled) {
        Instant now = clock.instant();
        List<IncomingEvent> incoming = new ArrayList<>(pulled.events().size());
        List<String> handles = new ArrayList<>(pulled.events().size());
        for (ObjectNode node : pulled.events()) {
            String handle = node.path("EventHandle").asText("");
            handles.add(handle);
            incoming.add(incoming(node, handle, pulled.requestId(), now));
        }
        List<Optional<AppendResult>> results = commit.appendAll(incoming);
        int stored = 0;
        int duplicates = 0;
        List<String> committed = new ArrayList<>(handles.size());
        for (int i = 0; i < results.size(); i++) {
            Optional<AppendResult> result = results.get(i);
            if (result.isEmpty()) {
                continue;
            }
            String type = incoming.get(i).eventType();
            if (result.get().duplicate()) {
                duplicates++;
                metrics.duplicate(type, EventSource.PULL.name());
            } else {
                stored++;
                metrics.received(type, EventSource.PULL.name());
            }
            if (!handles.get(i).isEmpty()) {
                committed.add(handles.get(i));
            }
        }
        int failed = results.size() - stored - duplicates;
        if (failed > 0) {
            log.warn("{} of {} pulled events could not be stored; they are not confirmed, so VOD delivers them again"
                    + " after 30 s", failed, results.size());
        }
        metrics.pulled("pulled", results.size());
        metrics.pulled("unconfirmed", failed);
        log.debug("Pulled {} events (RequestId {}): {} stored, {} duplicates", results.size(), pulled.requestId(),
                stored, duplicates);
        return new Committed(new Round(results.size(), stored, duplicates, 0, results.size(), Duration.ZERO,
                Optional.empty()), committed);
    }

    private int confirm(List<String> handles) {
        int confirmed = 0;
        for (int from = 0; from < handles.size(); from += VodEventQueue.MAX_BATCH) {
            List<String> batch = handles.subList(from, Math.min(handles.size(), from + VodEventQueue.MAX_BATCH));
            try {
                queue.confirm(batch);
                confirmed += batch.size();
                metrics.pulled("confirmed", batch.size());
            } catch (VodApiException e) {
                metrics.pulled("unconfirmed", batch.size());
                log.warn("ConfirmEvents for {} stored events failed: {}; VOD will deliver them again after 30 s and"
                        + " they will be recognised as duplicates", batch.size(), e.getMessage());
            }
        }
        return confirmed;
    }

    private static IncomingEvent incoming(ObjectNode node, String handle, String requestId, Instant now) {
        String body = node.toString();
        Map<String, String> headers = handle.isEmpty() ? Map.of("request-id", requestId)
                : Map.of("event-handle", handle, "request-id", requestId);
        try {
            VodEvent event = EventParser.fromTree(node);
            return IncomingEvents.of(event, body, EventSource.PULL, now, headers);
        } catch (MalformedEventException e) {
            log.error("PullEvents handed over something that is not an event ({}); kept as Unreadable: {}",
                    e.getMessage(), body.length() > 200 ? body.substring(0, 200) + "…" : body);
            return IncomingEvents.unreadable(body, EventSource.PULL, now, headers);
        }
    }

    /** The boundary of a loop: whatever goes wrong in a round is logged here and the loop goes on. */
    private void runUntilStopped() {
        while (stop.getCount() > 0) {
            long started = System.nanoTime();
            Duration wait;
            try {
                Committed committed = pullAndCommit();
                confirmInBackground(committed.handles());
                Round round = committed.round();
                wait = round.pulled() > 0 ? round.backoff()
                        : max(round.backoff(), MIN_EMPTY_ROUND.minusNanos(System.nanoTime() - started));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                wait = BACKOFF.backoff(failuresInARow.incrementAndGet(), jitter());
                log.error("A PullEvents round failed unexpectedly: {}; will pull again in {} ms", e.toString(),
                        wait.toMillis(), e);
            }
            if (wait.isPositive()) {
                try {
                    stop.await(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Confirms on another virtual thread so that the loop pulls again at once: a round's pull and
     * its confirmation overlap the next. At most {@link #CONFIRMS_IN_FLIGHT} per loop are pending;
     * beyond that the loop waits.
     */
    private void confirmInBackground(List<String> handles) throws InterruptedException {
        if (handles.isEmpty()) {
            return;
        }
        confirmSlots.acquire();
        try {
            confirmers.submit(() -> {
                try {
                    confirm(handles);
                } catch (RuntimeException e) {
                    log.error("Confirming {} events failed unexpectedly: {}; VOD delivers them again after 30 s",
                            handles.size(), e.toString(), e);
                } finally {
                    confirmSlots.release();
                }
            });
        } catch (RuntimeException e) {
            confirmSlots.release();
            throw e;
        }
    }

    /** The random generator is shared by the loops. */
    private synchronized double jitter() {
        return random.nextDouble();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
