package dev.vodhook.service.notify;

import dev.vodhook.events.loop.WakeSignal;
import dev.vodhook.service.processing.HeldLeases;
import dev.vodhook.service.processing.LeaseHeartbeat;
import dev.vodhook.signing.WebhookSignature;
import dev.vodhook.store.outbox.Outbox;
import dev.vodhook.store.outbox.AttemptOutcome;
import dev.vodhook.store.outbox.AttemptRecord;
import dev.vodhook.store.outbox.ClaimedDelivery;
import dev.vodhook.store.outbox.DeliveryLease;
import dev.vodhook.store.outbox.EndpointView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes due deliveries from the outbox under a lease and sends them, signed, to their endpoints: a 2xx marks them
 * DELIVERED (and lets the media's next notification go), anything else schedules the next attempt by the retry
 * schedule, the last one leaves them DEAD with the last answer until replayed, and a 410 disables the endpoint.
 * Every attempt is recorded. Each endpoint has its own {@link NotifySettings#concurrency()} request slots, so a
 * slow endpoint holds up no other, and a slow media only its own slot. Deliveries are claimed ahead of the slots
 * ({@link #CLAIM_AHEAD}), several in one statement, and those that are delivered together are marked in one
 * transaction ({@link DeliveredMarks}), so neither commit holds a request slot.
 *
 * <p>{@link #runOnce()} claims what is due for every endpoint, sends it and waits (tests step with it);
 * {@link #start()} runs a loop that keeps every endpoint's slots busy, woken by new notifications, and a heartbeat
 * that extends the leases of what it holds every third of the lease (the processor's {@link HeldLeases}), so only a
 * dead deliverer's deliveries are taken over. A crash mid-delivery means that one is sent again, with the same
 * {@code webhook-id} and body: receivers deduplicate.
 */
public final class NotificationDeliverer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NotificationDeliverer.class);
    /**
     * How many deliveries per endpoint are claimed ahead of the requests in flight, as a multiple of the concurrency:
     * while some are sent, others wait claimed, so a free request slot never waits for a claim's commit, and a
     * delivery's mark (its commit) holds no slot.
     */
    static final int CLAIM_AHEAD = 4;

    private final Outbox outbox;
    private final NotifySettings settings;
    private final WebhookSender sender;
    private final Clock clock;
    private final DeliveryMetrics metrics;
    private final RandomGenerator random;
    private final String owner;
    private final Map<String, NotifyEndpoint> configured;
    private final DeliveredMarks delivered;
    /** Per endpoint: requests in flight, at most {@link NotifySettings#concurrency()}. */
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();
    /** Per endpoint: deliveries claimed and not yet marked, at most {@link #CLAIM_AHEAD} times the concurrency. */
    private final Map<String, Semaphore> windows = new ConcurrentHashMap<>();
    /** Endpoints that answered 410 since their last claim: what is claimed for them waits unsent. */
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final HeldLeases<ClaimedDelivery> held = new HeldLeases<>(ClaimedDelivery::id, ClaimedDelivery::attempt);
    private final WakeSignal wakeUps = new WakeSignal();
    private volatile boolean stopping;
    private volatile List<EndpointView> endpoints;
    private volatile long endpointsReadAt;
    private Thread loop;
    private LeaseHeartbeat heartbeat;

    public NotificationDeliverer(Outbox outbox, NotifySettings settings, WebhookSender sender, Clock clock,
            DeliveryMetrics metrics, RandomGenerator random) {
        this.outbox = outbox;
        this.settings = settings;
        this.sender = sender;
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.owner = ownerName();
        this.configured = settings.endpoints().stream()
                .collect(Collectors.toMap(e -> e.url().toString(), Function.identity()));
        configured.keySet().forEach(url -> {
            slots.put(url, new Semaphore(settings.concurrency()));
            windows.put(url, new Semaphore(window()));
        });
        this.delivered = new DeliveredMarks(outbox, clock);
    }

    public String owner() {
        return owner;
    }

    /** Claims what is due for every endpoint (as many as its free slots), sends it all, and waits; how many. */
    public int runOnce() {
        endpoints = null; // a stepped run sees the endpoints as they are now
        List<Thread> running = new ArrayList<>();
        int claimed = claimAndStart(running);
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return claimed;
    }

    /** Runs claims until nothing is due; how many deliveries it made. For tests and tools. */
    public int runUntilIdle() {
        int total = 0;
        int n;
        while ((n = runOnce()) > 0) {
            total += n;
        }
        return total;
    }

    /** Starts the background loop and the lease heartbeat; nothing when no endpoint is configured. */
    public synchronized void start() {
        if (configured.isEmpty()) {
            log.info("No notify endpoint configured: notifications are written to the outbox and go nowhere");
            return;
        }
        if (loop != null) {
            throw new IllegalStateException("deliverer " + owner + " already started");
        }
        loop = Thread.ofVirtual().name("vodhook-deliverer").start(this::runUntilStopped);
        heartbeat = LeaseHeartbeat.start("vodhook-delivery-heartbeat", settings.heartbeat(), () -> stopping,
                this::extendLeases, this::heartbeatFailed);
        log.info("Deliverer {} started: {}", owner, settings);
    }

    /** Makes an idle loop look for work now (a new notification was committed, a replay, a slot freed). */
    public void wake() {
        wakeUps.signal();
    }

    /**
     * One heartbeat: extends the lease of every delivery held to a full lease from now; returns how many. A lease
     * that could not be extended was lost (lapsed and taken over): its delivery may be sent twice, same id.
     */
    public int extendLeases() {
        List<ClaimedDelivery> claims = held.claims();
        if (claims.isEmpty()) {
            return 0;
        }
        Set<Long> extended = outbox.extendLeases(claims.stream().map(ClaimedDelivery::lease).toList(),
                clock.instant().plus(settings.lease()));
        for (ClaimedDelivery c : claims) {
            if (!extended.contains(c.id()) && held.forget(c)) {
                log.warn("Delivery {} ({} of FileId {}): its lease of attempt {} could not be extended (lapsed and"
                        + " taken over); the new holder may send it again with the same webhook-id", c.id(),
                        c.notification().type().wireName(), c.notification().fileId(), c.attempt());
            }
        }
        return extended.size();
    }

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
        try {
            if (!running.join(settings.timeout().plus(settings.pollInterval()).plusSeconds(1))) {
                log.warn("Deliverer {} still busy; its deliveries will be sent again when their leases lapse", owner);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        heartbeat.close();
        log.info("Deliverer {} stopped", owner);
    }

    private void runUntilStopped() {
        while (!stopping) {
            try {
                if (claimAndStart(null) == 0) {
                    awaitWork();
                } else {
                    awaitRoom();
                }
            } catch (RuntimeException e) {
                log.error("Deliverer {} could not claim deliveries: {}; will try again in {}", owner, e.getMessage(),
                        settings.pollInterval(), e);
                awaitWork();
            }
        }
        for (Semaphore s : windows.values()) {
            try {
                if (s.tryAcquire(window(), settings.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                    s.release(window());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void heartbeatFailed(RuntimeException e) {
        log.error("Deliverer {} could not extend the leases of its {} deliveries: {}; will try again in {}"
                + " (a lease not extended in time lapses, and its delivery may be sent again elsewhere)",
                owner, held.size(), e.getMessage(), settings.heartbeat(), e);
    }

    /**
     * After a claim, waits until some endpoint has half its slots free again (or a poll interval), so that claims
     * take several deliveries at once rather than one per delivery finished.
     */
    private void awaitRoom() {
        long deadline = System.nanoTime() + settings.pollInterval().toNanos();
        while (!stopping && windows.values().stream().noneMatch(s -> s.availablePermits() >= half())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wakeUps.await(Duration.ofNanos(left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private int half() {
        return Math.max(1, window() / 2);
    }

    private int window() {
        return settings.concurrency() * CLAIM_AHEAD;
    }

    private void awaitWork() {
        try {
            wakeUps.await(settings.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /**
     * For every active endpoint configured here, claims up to the room in its window and starts a thread per
     * delivery, which waits for a request slot, sends and marks; how many.
     */
    private int claimAndStart(List<Thread> started) {
        int total = 0;
        for (EndpointView endpoint : endpoints()) {
            NotifyEndpoint config = configured.get(endpoint.url());
            Semaphore room = windows.get(endpoint.url());
            if (config == null || !endpoint.active() || room.availablePermits() == 0) {
                continue;
            }
            List<ClaimedDelivery> claimed = outbox.claimDue(endpoint, owner, clock.instant(), settings.lease(),
                    room.availablePermits());
            held.hold(claimed);
            if (!claimed.isEmpty()) {
                gone.remove(endpoint.url()); // claimed: the outbox has it enabled (again)
            }
            Semaphore free = slots.get(endpoint.url());
            for (ClaimedDelivery c : claimed) {
                room.acquireUninterruptibly();
                Thread t = Thread.ofVirtual().name("vodhook-delivery-" + c.id()).start(() -> {
                    try {
                        deliver(c, config, free);
                    } finally {
                        held.forget(c);
                        room.release();
                        wake();
                    }
                });
                if (started != null) {
                    started.add(t);
                }
            }
            total += claimed.size();
        }
        return total;
    }

    /** The outbox's endpoints, read again at most every poll interval (a 410 elsewhere shows within it). */
    private List<EndpointView> endpoints() {
        long now = System.nanoTime();
        List<EndpointView> known = endpoints;
        if (known == null || now - endpointsReadAt > settings.pollInterval().toNanos()) {
            known = outbox.log().endpoints();
            endpoints = known;
            endpointsReadAt = now;
        }
        return known;
    }

    /** The boundary of one delivery: whatever goes wrong is logged here, never lost in a thread. */
    private void deliver(ClaimedDelivery c, NotifyEndpoint endpoint, Semaphore free) {
        try {
            send(c, endpoint, free);
        } catch (RuntimeException e) {
            log.error("Delivery {} ({} of FileId {}) to {}: could not record attempt {}: {}; it will be sent again"
                    + " when its lease lapses, within {}", c.id(), c.notification().type().wireName(),
                    c.notification().fileId(), c.url(), c.attempt(), e.getMessage(), settings.lease(), e);
        }
    }

    /** Sends the delivery in one of the endpoint's request slots ({@code free}), then marks it. */
    private void send(ClaimedDelivery c, NotifyEndpoint endpoint, Semaphore free) {
        DeliveryLease lease = c.lease();
        free.acquireUninterruptibly();
        WebhookSender.Answer answer;
        Instant started;
        try {
            if (stopping || gone.contains(c.url())) {
                outbox.release(lease, clock.instant()); // unsent: PENDING again, the attempt not counted
                return;
            }
            started = clock.instant();
            long timestamp = started.getEpochSecond();
            byte[] body = c.notification().body().getBytes(StandardCharsets.UTF_8);
            String id = c.notification().eventId();
            held.started(c, started);
            try {
                answer = sender.send(endpoint.url(), id, timestamp, WebhookSignature.header(endpoint.keys(), id,
                        timestamp, body), body);
            } finally {
                held.stopped(c);
            }
            if (answer.gone()) {
                gone.add(c.url()); // before the slot goes to a delivery claimed ahead for the same endpoint
            }
        } finally {
            free.release();
        }
        Instant now = clock.instant();
        AttemptOutcome outcome = answer.delivered() ? AttemptOutcome.DELIVERED
                : answer.gone() ? AttemptOutcome.GONE : AttemptOutcome.FAILED;
        Optional<String> retryAfter = answer.retryAfter().filter(v -> RetryAfter.heeded(answer.status()));
        AttemptRecord attempt = new AttemptRecord(c.id(), c.attempt(), owner, started,
                Duration.ofNanos(answer.nanos()), answer.status(), outcome, answer.answer(), retryAfter);
        String what = c.notification().type().wireName() + " of FileId " + c.notification().fileId();
        if (answer.delivered()) {
            if (delivered.mark(lease, attempt)) {
                metrics.attempted(c.notification().type(), "delivered", answer.nanos());
                metrics.delivered(Duration.between(c.notification().createdAt(), now));
                log.debug("Delivery {} ({}) to {} delivered: {}", c.id(), what, c.url(), attempt.summary());
            } else {
                log.warn("Delivery {} ({}) to {} delivered after its lease lapsed; its new holder may send it again",
                        c.id(), what, c.url());
            }
            return;
        }
        metrics.failed(answer.reason());
        if (answer.gone()) {
            metrics.attempted(c.notification().type(), "gone", answer.nanos());
            endpoints = null;
            if (outbox.markGone(lease, attempt, now)) {
                log.error("ENDPOINT DISABLED: {} answered 410 Gone to delivery {} ({}); nothing more is sent there"
                        + " until an operator enables it again (POST /api/notify/endpoints/enable, or vodhook"
                        + " deliveries enable {}); its notifications wait for it", c.url(), c.id(), what, c.url());
            }
            return;
        }
        if (settings.retry().exhausted(c.attempt())) {
            metrics.attempted(c.notification().type(), "dead", answer.nanos());
            if (outbox.markDead(lease, attempt, now)) {
                log.error("Delivery {} ({}) to {} is DEAD after {} attempts: {}; the media's next notification goes"
                        + " now; replay it with POST /api/deliveries/{}/replay", c.id(), what, c.url(), c.attempt(),
                        attempt.summary(), c.id());
            }
            return;
        }
        Instant next = now.plus(settings.retry().waitAfter(c.attempt(), random.nextDouble(),
                retryAfter.flatMap(v -> RetryAfter.parse(v, now))));
        metrics.attempted(c.notification().type(), "retry", answer.nanos());
        if (outbox.markFailed(lease, attempt, next)) {
            log.warn("Delivery {} ({}) to {} attempt {} of {} failed: {}{}; will retry at {}", c.id(), what, c.url(),
                    c.attempt(), settings.retry().maxAttempts(), attempt.summary(),
                    retryAfter.map(v -> " (Retry-After: " + v + ")").orElse(""), next);
        }
    }

    private static String ownerName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "vodhook");
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
