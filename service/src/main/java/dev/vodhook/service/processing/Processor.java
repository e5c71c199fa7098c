package dev.vodhook.service.processing;

import dev.vodhook.events.EventParser;
import dev.vodhook.events.VodEvent;
import dev.vodhook.events.loop.WakeSignal;
import dev.vodhook.service.ServiceException;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.handlers.Handlers;
import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.Lease;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due events from the inbox under a lease and runs their handlers: success marks them DONE;
 * a failure schedules the next attempt by the retry policy; the last attempt, or a failure no retry
 * can cure, leaves them DEAD until replayed. The events of one claim that were handled are marked
 * DONE together when its last handler ends; those recorded together ({@link RecordingHandler}) are marked in the
 * transaction that records them. {@link #runOnce()} does one claim and waits for its
 * handlers (tests step with it); {@link #start()} runs a loop on a virtual thread until
 * {@link #close()}, waking early on {@link #wake()}, that keeps up to {@link #IN_FLIGHT_BATCHES}
 * batches of handlers running: it claims the next batch as soon as there is room for it, while the
 * last one is still being handled, so the database always has work and one slow handler holds up
 * nothing.
 *
 * <p>A lease never lapses while its handler runs: a heartbeat ({@link #extendLeases()}, every third of the lease
 * in the background) extends the leases of every event the processor holds, from its claim until it is marked.
 * So only a dead worker's events are taken over, by construction rather than by timing. A handler that runs past
 * the hard limit ({@link WorkerSettings#handlerLimit()}) is abandoned: interrupted, its attempt counted as failed
 * and its event retried by the retry policy.
 */
public final class Processor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Processor.class);
    /** Handlers the background loop keeps running at most, in batches: {@code batchSize} times this. */
    static final int IN_FLIGHT_BATCHES = 2;

    private final Inbox inbox;
    private final Handlers handlers;
    private final RetryPolicy retry;
    private final WorkerSettings worker;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final RandomGenerator random;
    private final String owner;
    private final WakeSignal wakeUps = new WakeSignal();
    private final Semaphore slots;
    private final WakeSignal slotFreed = new WakeSignal();
    private final HeldLeases<ClaimedEvent> held = new HeldLeases<>(ClaimedEvent::id, ClaimedEvent::attempt);
    private volatile boolean stopping;
    private Thread loop;
    private LeaseHeartbeat heartbeat;

    public Processor(Inbox inbox, Handlers handlers, RetryPolicy retry, WorkerSettings worker, Clock clock,
            ServiceMetrics metrics, RandomGenerator random) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.retry = retry;
        this.worker = worker;
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.owner = ownerName();
        this.slots = new Semaphore(worker.batchSize() * IN_FLIGHT_BATCHES);
    }

    /** The lease owner this processor claims as: host, pid and a random suffix. */
    public String owner() {
        return owner;
    }

    /**
     * Claims one batch of due events and handles them concurrently; returns how many it claimed
     * (0 when nothing was due). Returns when all of them are finished.
     */
    public int runOnce() {
        List<ClaimedEvent> claimed = inbox.claimDue(owner, clock.instant(), worker.lease(), worker.batchSize());
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Unit> units = unitsOf(batchOf(claimed), claimed);
        if (units.size() == 1) {
            units.getFirst().work().run();
        } else {
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                units.forEach(u -> executor.submit(u.work()));
            }
        }
        return claimed.size();
    }

    /** Runs claims until nothing is due; returns how many events it handled. For tests and tools. */
    public int runUntilIdle() {
        int total = 0;
        int n;
        while ((n = runOnce()) > 0) {
            total += n;
        }
        return total;
    }

    /** Starts the background loop. */
    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("processor " + owner + " already started");
        }
        loop = Thread.ofVirtual().name("vodhook-processor").start(this::runUntilStopped);
        heartbeat = LeaseHeartbeat.start("vodhook-lease-heartbeat", worker.heartbeat(), () -> stopping,
                this::extendLeases, this::heartbeatFailed);
        log.info("Processor {} started: polling every {}, {} events a claim, up to {} handlers at once, lease {}"
                + " extended every {}, {} at most per handler", owner, worker.pollInterval(), worker.batchSize(),
                worker.batchSize() * IN_FLIGHT_BATCHES, worker.lease(), worker.heartbeat(), worker.handlerLimit());
    }

    /**
     * One heartbeat: abandons the handlers that have run past the hard limit, then extends the lease of every
     * other event held to a full lease from now. Returns how many leases it extended. The background loop calls it
     * every {@link WorkerSettings#heartbeat()}; tests step it.
     */
    public int extendLeases() {
        Instant now = clock.instant();
        held.runningSince(now.minus(worker.handlerLimit())).forEach(this::abandon);
        List<Lease> leases = held.claims().stream().map(ClaimedEvent::lease).toList();
        if (leases.isEmpty()) {
            return 0;
        }
        Set<Long> extended = inbox.extendLeases(leases, now.plus(worker.lease()));
        for (Lease lease : leases) {
            if (!extended.contains(lease.eventId())) {
                // marked meanwhile (nothing to say), or lost: taken by another worker after a lapse
                held.find(lease.eventId(), lease.attempt()).filter(h -> h.handler().isPresent()).ifPresent(h -> {
                    held.forget(h.claimed());
                    log.warn("Event {} ({}): its lease of attempt {} could not be extended (lapsed and taken over);"
                            + " its handler goes on, and the new holder may handle it again (handlers are idempotent)",
                            lease.eventId(), h.claimed().eventType(), lease.attempt());
                });
            }
        }
        return extended.size();
    }

    /** A handler past the hard limit: interrupted, and its attempt failed so the event is retried. */
    private void abandon(HeldLeases.Held<ClaimedEvent> h) {
        ClaimedEvent claimed = h.claimed();
        if (!held.forget(claimed)) {
            return;
        }
        HeldLeases.Running running = h.handler().orElseThrow();
        log.error("Event {} ({}): its handler has run since {}, past the limit of {}; abandoned (interrupted, its"
                + " lease no longer extended) and retried", claimed.id(), claimed.eventType(), running.since(),
                worker.handlerLimit());
        fail(claimed, new Failure("the handler was still running after " + worker.handlerLimit()
                + " (the hard limit); abandoned", true), null, Duration.between(running.since(),
                clock.instant()).toNanos());
        running.thread().interrupt(); // after the attempt is recorded, so the handler's own failure comes too late
    }

    private void heartbeatFailed(RuntimeException e) {
        log.error("Processor {} could not extend the leases of its {} events: {}; will try again in {} (a lease"
                + " not extended in time lapses, and its event may be handled again elsewhere)", owner,
                held.size(), e.getMessage(), worker.heartbeat(), e);
    }

    /** Makes an idle background loop look for work now (intake calls this after an append). */
    public void wake() {
        wakeUps.signal();
    }

    /**
     * Stops claiming, waits up to the shutdown grace for handlers in flight, and hands back claimed
     * events that were never started. Events still running after the grace keep their lease, which
     * expires so that another worker (or the next start) retries them.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopping = true;
            running = loop;
        }
        if (running == null) {
            return;
        }
        wake();
        slotFreed.signal();
        try {
            if (!running.join(worker.shutdownGrace().plus(worker.pollInterval()))) {
                log.warn("Processor {} still busy after {}; its events will be retried when their leases expire",
                        owner, worker.shutdownGrace());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.close();
        log.info("Processor {} stopped", owner);
    }

    private void runUntilStopped() {
        while (!stopping) {
            try {
                if (awaitRoomForABatch() && claimAndStart(worker.batchSize()) == 0) {
                    awaitWork();
                }
            } catch (RuntimeException e) {
                log.error("Processor {} could not claim events: {}; will try again in {}", owner, e.getMessage(),
                        worker.pollInterval(), e);
                awaitWork();
            }
        }
        awaitHandlersInFlight();
    }

    /** Claims up to {@code limit} due events and starts their handlers without waiting for them; how many. */
    private int claimAndStart(int limit) {
        List<ClaimedEvent> claimed = inbox.claimDue(owner, clock.instant(), worker.lease(), limit);
        if (!claimed.isEmpty()) {
            metrics.claimed(claimed.size());
        }
        for (Unit unit : unitsOf(batchOf(claimed), claimed)) {
            slots.acquireUninterruptibly(unit.events());
            Thread.Builder builder = unit.events() > 1 ? Thread.ofPlatform().daemon(true) : Thread.ofVirtual();
            builder.name(unit.name()).start(() -> {
                try {
                    unit.work().run();
                } finally {
                    slots.release(unit.events());
                    slotFreed.signal();
                }
            });
        }
        return claimed.size();
    }

    /** Waits until a whole batch of handlers may start (so claims stay whole batches); false when stopping. */
    private boolean awaitRoomForABatch() {
        while (!stopping) {
            if (slots.availablePermits() >= worker.batchSize()) {
                return true;
            }
            try {
                slotFreed.await(worker.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
        return false;
    }

    /** On the way out: waits for the handlers still running, up to the shutdown grace. */
    private void awaitHandlersInFlight() {
        int all = worker.batchSize() * IN_FLIGHT_BATCHES;
        try {
            if (slots.tryAcquire(all, worker.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(all);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitWork() {
        try {
            wakeUps.await(worker.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /**
     * Work on its own thread: one event's handler (a virtual thread), or the events of a claim recorded together.
     * Those get a platform thread: their transaction is a dozen round trips in a row to PostgreSQL, and a virtual
     * thread went to the back of the carrier's queue, behind every intake request, at each of them (on one core
     * the processor then fell behind intake, 500 events/s against 1,481 taken in); the operating system shares
     * the core between a platform thread and the carrier instead, as it does with SQLite's writer thread.
     */
    private record Unit(String name, int events, Runnable work) {}

    /**
     * A claim's work: each event whose handler only records ({@link RecordingHandler}) recorded together with the
     * claim's other events of that handler, in their order in the inbox; every other event handled on its own.
     */
    private List<Unit> unitsOf(ClaimedBatch batch, List<ClaimedEvent> claimed) {
        List<Unit> units = new ArrayList<>();
        Map<RecordingHandler, List<ClaimedEvent>> recorded = new LinkedHashMap<>();
        for (ClaimedEvent c : claimed) {
            if (handlers.forType(c.eventType()) instanceof RecordingHandler r) {
                recorded.computeIfAbsent(r, k -> new ArrayList<>()).add(c);
            } else {
                units.add(new Unit("vodhook-handler-" + c.id(), 1, () -> batch.run(c)));
            }
        }
        recorded.forEach((handler, events) -> units.add(new Unit("vodhook-recorder-" + events.getFirst().id(),
                events.size(), () -> recordTogether(batch, handler, events))));
        return units;
    }

    /**
     * Events of one recording handler, recorded together: what each records is made first (an event that cannot
     * be recorded fails alone, as with any handler), then written in one transaction with the events' DONE marks,
     * so that a crash leaves both or neither (and the claim costs one transaction fewer). Should that fail, each
     * event is handled on its own, as any other event is, so that one event the database refuses holds up no other.
     */
    private void recordTogether(ClaimedBatch batch, RecordingHandler handler, List<ClaimedEvent> events) {
        long started = System.nanoTime();
        List<ClaimedEvent> ready = new ArrayList<>();
        List<RecordingHandler.Recording> recordings = new ArrayList<>();
        for (ClaimedEvent c : events) {
            if (!execute(c, () -> prepare(c, handler, started, recordings))) {
                batch.finished(c, false);
            } else {
                ready.add(c);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        Set<Long> marked;
        try {
            marked = handler.recordAll(recordings.stream().map(RecordingHandler.Recording::writes).toList(),
                    ready.stream().map(ClaimedEvent::lease).toList());
        } catch (RuntimeException e) {
            ready.forEach(held::stopped);
            Thread.interrupted();
            log.warn("Events {} could not be recorded together ({}); recording each on its own",
                    ready.stream().map(ClaimedEvent::id).toList(), e.getMessage());
            ready.forEach(batch::run);
            return;
        }
        long nanos = System.nanoTime() - started;
        for (int i = 0; i < ready.size(); i++) {
            ClaimedEvent c = ready.get(i);
            held.stopped(c);
            held.forget(c);
            metrics.handled(c.eventType(), "done", nanos);
            recordings.get(i).recorded().run();
            if (!marked.contains(c.id())) {
                log.warn("Event {} ({}) was recorded but its lease had expired; another worker may handle it again"
                        + " (handlers are idempotent)", c.id(), c.eventType());
            }
            batch.finished(c, false); // marked DONE already, in the transaction that recorded it
        }
        Thread.interrupted();
    }

    /** What one event records, added to {@code recordings}; false when it was not to be handled or failed. */
    private boolean prepare(ClaimedEvent claimed, RecordingHandler handler, long started,
            List<RecordingHandler.Recording> recordings) {
        if (!mayStart(claimed)) {
            return false;
        }
        held.started(claimed, clock.instant());
        try {
            recordings.add(handler.recording(claimed.event(), parse(claimed)));
            return true;
        } catch (RuntimeException e) {
            failed(claimed, e, started);
            return false;
        }
    }

    private ClaimedBatch batchOf(List<ClaimedEvent> claimed) {
        held.hold(claimed);
        return new ClaimedBatch(claimed.size(), inbox, clock, this::execute, held::forgetAll);
    }

    /**
     * The boundary of one event's run: whatever goes wrong is logged here, never lost in a thread.
     * True when the handler succeeded and the event is to be marked DONE.
     */
    private boolean execute(ClaimedEvent claimed) {
        return execute(claimed, () -> run(claimed));
    }

    private boolean execute(ClaimedEvent claimed, BooleanSupplier attempt) {
        try {
            if (attempt.getAsBoolean()) {
                return true;
            }
            held.forget(claimed);
            return false;
        } catch (RuntimeException e) {
            held.forget(claimed);
            log.error("Event {} ({}): could not record the outcome of attempt {}: {}; it will be retried when its"
                    + " lease expires, within {}", claimed.id(), claimed.eventType(), claimed.attempt(), e.getMessage(),
                    worker.lease(), e);
            return false;
        }
    }

    private boolean run(ClaimedEvent claimed) {
        if (!mayStart(claimed)) {
            return false;
        }
        String type = claimed.eventType();
        long started = System.nanoTime();
        held.started(claimed, clock.instant());
        try {
            handlers.forType(type).handle(claimed.event(), parse(claimed));
        } catch (RuntimeException e) {
            failed(claimed, e, started);
            return false;
        } finally {
            held.stopped(claimed);
            Thread.interrupted();
        }
        metrics.handled(type, "done", System.nanoTime() - started);
        return true;
    }

    /** False when the event is not to be handled now: handed back (shutting down) or DEAD (out of attempts). */
    private boolean mayStart(ClaimedEvent claimed) {
        if (stopping) {
            inbox.release(claimed.lease(), clock.instant());
            log.info("Event {} ({}) handed back unstarted: shutting down", claimed.id(), claimed.eventType());
            return false;
        }
        if (claimed.attempt() > retry.maxAttempts()) {
            dead(claimed, "its worker vanished (lease expired) on attempt " + (claimed.attempt() - 1)
                    + ", the last allowed");
            return false;
        }
        return true;
    }

    private static VodEvent parse(ClaimedEvent claimed) {
        return EventParser.parse(claimed.event().body().getBytes(StandardCharsets.UTF_8));
    }

    /** The handler of {@code claimed} threw: its attempt is recorded as failed (retried, or DEAD). */
    private void failed(ClaimedEvent claimed, RuntimeException e, long started) {
        held.stopped(claimed);
        Thread.interrupted(); // an interrupt meant for an abandoned handler ends with it
        fail(claimed, Failure.of(e), e, System.nanoTime() - started);
    }

    private void fail(ClaimedEvent claimed, Failure failure, RuntimeException e, long nanos) {
        String type = claimed.eventType();
        int attempt = claimed.attempt();
        if (!failure.retryable()) {
            metrics.handled(type, "dead", nanos);
            dead(claimed, "cannot succeed by retrying: " + failure.message());
            return;
        }
        if (retry.exhausted(attempt)) {
            metrics.handled(type, "dead", nanos);
            dead(claimed, "attempt " + attempt + " of " + retry.maxAttempts() + " failed: " + failure.message());
            return;
        }
        Instant next = clock.instant().plus(retry.backoff(attempt, random.nextDouble()));
        metrics.handled(type, "retry", nanos);
        if (inbox.markFailed(claimed.lease(), failure.message(), next)) {
            if (e == null || e instanceof ServiceException) {
                log.warn("Event {} ({}) attempt {} of {} failed: {}; will retry at {}", claimed.id(), type, attempt,
                        retry.maxAttempts(), failure.message(), next);
            } else {
                log.warn("Event {} ({}) attempt {} of {} failed: {}; will retry at {}", claimed.id(), type, attempt,
                        retry.maxAttempts(), failure.message(), next, e);
            }
        } else {
            log.warn("Event {} ({}) attempt {} failed ({}) after its lease expired; its new holder decides",
                    claimed.id(), type, attempt, failure.message());
        }
    }

    private void dead(ClaimedEvent claimed, String reason) {
        if (inbox.markDead(claimed.lease(), reason, clock.instant())) {
            log.error("Event {} ({}) is DEAD: {}; replay it with POST /api/events/{}/replay once the cause is fixed",
                    claimed.id(), claimed.eventType(), reason, claimed.id());
        } else {
            log.warn("Event {} ({}) failed for good ({}) after its lease expired; its new holder decides",
                    claimed.id(), claimed.eventType(), reason);
        }
    }

    /** No DNS lookup here: a slow resolver must not slow down startup. */
    private static String ownerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "vodhook");
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
