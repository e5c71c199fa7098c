package dev.vodhook.emulator.internal.events;

import dev.vodhook.emulator.PullPolicy;
import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.state.StateChanges;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reliable-callback sink: one queue per SubAppId for applications in {@code PULL} mode. A pulled event hides
 * for the visibility timeout under a fresh handle; unconfirmed, it becomes visible again and the next pull hands
 * it out under a new handle, the old one being stale from then on. Events are dropped after the retention period.
 * Visibility and retention are read from the {@link Clock}; only the PullEvents hold is a real wait.
 */
public final class PullQueue implements EventSink {

    /** Longest single wait while holding a pull, so a clock moved by a test is noticed. */
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final Logger log = LoggerFactory.getLogger(PullQueue.class);

    private final PullPolicy policy;
    private final IdSource ids;
    private final Clock clock;
    private final StateChanges changes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Map<Long, Map<Long, QueuedEvent>> queues = new HashMap<>();
    private final Map<String, Instant> confirmed = new HashMap<>();
    /** The current handle of every event handed out and not yet confirmed or dropped: its id. */
    private final Map<String, Long> byHandle = new HashMap<>();
    private long sequence;
    /** PullEvents calls waiting for an event right now (inspection for tests, {@link #held()}). */
    private int held;
    /** No queued event expires before this, no confirmed handle is forgotten before that: purges skip the scans. */
    private Instant nextExpiry = Instant.MAX;
    private Instant nextForget = Instant.MAX;

    public PullQueue(PullPolicy policy, IdSource ids, Clock clock, StateChanges changes) {
        this.policy = policy;
        this.ids = ids;
        this.clock = clock;
        this.changes = changes;
    }

    /**
     * What the queue holds, for saving: every unconfirmed event with its handle and visibility, the confirmed handles
     * still remembered (a repeated ConfirmEvents succeeds), and the last event number.
     */
    public record Snapshot(List<QueuedEvent> events, Map<String, Instant> confirmed, long sequence) {
    }

    public Snapshot snapshot() {
        lock.lock();
        try {
            List<QueuedEvent> events = queues.values().stream().flatMap(q -> q.values().stream())
                    .sorted(Comparator.comparingLong(QueuedEvent::id)).toList();
            return new Snapshot(events, Map.copyOf(confirmed), sequence);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces everything with a saved queue. */
    public void restore(Snapshot saved) {
        lock.lock();
        try {
            queues.clear();
            confirmed.clear();
            byHandle.clear();
            saved.events().forEach(e -> {
                queues.computeIfAbsent(e.event().subAppId(), k -> new LinkedHashMap<>()).put(e.id(), e);
                e.handle().ifPresent(h -> byHandle.put(h, e.id()));
            });
            confirmed.putAll(saved.confirmed());
            sequence = saved.sequence();
            nextExpiry = Instant.MIN; // the next purge looks at everything restored
            nextForget = Instant.MIN;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void accept(EmittedEvent event, EventConfig config) {
        if (!EventConfig.PULL.equals(config.mode())) {
            return;
        }
        lock.lock();
        try {
            Instant now = clock.instant();
            QueuedEvent queued = new QueuedEvent(++sequence, event, now, java.util.Optional.empty(), now, 0);
            queues.computeIfAbsent(event.subAppId(), k -> new LinkedHashMap<>()).put(queued.id(), queued);
            nextExpiry = earlier(nextExpiry, now.plus(policy.retention()));
            arrived.signalAll();
            changes.changed();
            log.debug("{} for SubAppId {} queued for PullEvents as event {}", event.eventType(), event.subAppId(),
                    queued.id());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Up to {@code max} visible events of the application, oldest first, each hidden under a new handle. When none
     * is visible, waits up to {@code hold} for one; empty after that.
     */
    public List<PulledEvent> pull(long subAppId, int max, Duration hold) {
        long deadline = System.nanoTime() + hold.toNanos();
        lock.lock();
        try {
            while (true) {
                Instant now = clock.instant();
                purge(now);
                List<PulledEvent> taken = takeVisible(subAppId, max, now);
                long left = deadline - System.nanoTime();
                if (!taken.isEmpty() || left <= 0) {
                    return taken;
                }
                held++;
                try {
                    arrived.awaitNanos(Math.min(left, Math.min(MAX_WAIT_NANOS, untilNextVisible(subAppId, now))));
                } finally {
                    held--;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Confirms the handles all together: returns the ones that are unknown or stale (their visibility timeout
     * passed, or the event was handed out again), in which case nothing is confirmed. A handle confirmed before is
     * accepted again.
     */
    public List<String> confirm(long subAppId, Collection<String> handles) {
        lock.lock();
        try {
            Instant now = clock.instant();
            purge(now);
            Map<Long, QueuedEvent> queue = queues.getOrDefault(subAppId, Map.of());
            Map<String, QueuedEvent> confirming = new LinkedHashMap<>();
            List<String> stale = new ArrayList<>();
            for (String handle : handles) {
                if (confirmed.containsKey(handle)) {
                    continue;
                }
                Long id = byHandle.get(handle);
                QueuedEvent e = id == null ? null : queue.get(id);
                if (e != null && e.confirmableWith(handle, now)) {
                    confirming.put(handle, e);
                } else {
                    stale.add(handle);
                }
            }
            if (stale.isEmpty()) {
                confirming.forEach((handle, e) -> {
                    queue.remove(e.id());
                    byHandle.remove(handle);
                    Instant forgetAt = e.enqueuedAt().plus(policy.retention());
                    confirmed.put(handle, forgetAt);
                    nextForget = earlier(nextForget, forgetAt);
                });
                if (!confirming.isEmpty()) {
                    changes.changed();
                }
                log.debug("SubAppId {}: {} event(s) confirmed", subAppId, confirming.size());
            }
            return stale;
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many PullEvents calls are held right now, waiting for an event: one that arrives from now on is handed to
     * them. For tests, which must know that a pull waits before they publish; changes nothing.
     */
    public int held() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** How many of the application's events a PullEvents call would hand out now (all of them, ignoring the 16). */
    public long countToPull(long subAppId) {
        lock.lock();
        try {
            Instant now = clock.instant();
            purge(now);
            return queues.getOrDefault(subAppId, Map.of()).values().stream().filter(e -> e.visibleAt(now)).count();
        } finally {
            lock.unlock();
        }
    }

    /** Every queued (unconfirmed, retained) event of every application, oldest first. */
    public List<QueuedEvent.View> all() {
        lock.lock();
        try {
            Instant now = clock.instant();
            purge(now);
            return queues.values().stream().flatMap(q -> q.values().stream())
                    .sorted(Comparator.comparingLong(QueuedEvent::id)).map(e -> e.view(now)).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            queues.clear();
            confirmed.clear();
            byHandle.clear();
            nextExpiry = Instant.MAX;
            nextForget = Instant.MAX;
            changes.changed();
        } finally {
            lock.unlock();
        }
    }

    private List<PulledEvent> takeVisible(long subAppId, int max, Instant now) {
        Map<Long, QueuedEvent> queue = queues.getOrDefault(subAppId, Map.of());
        List<QueuedEvent> visible = queue.values().stream().filter(e -> e.visibleAt(now)).limit(max).toList();
        List<PulledEvent> taken = new ArrayList<>(visible.size());
        for (QueuedEvent e : visible) {
            QueuedEvent delivered = e.delivered(newHandle(now), now.plus(policy.visibilityTimeout()));
            queue.put(e.id(), delivered);
            e.handle().ifPresent(byHandle::remove); // the last delivery's handle is stale now
            byHandle.put(delivered.handle().orElseThrow(), e.id());
            taken.add(new PulledEvent(delivered.handle().orElseThrow(), e.event()));
            if (delivered.deliveries() > 1) {
                log.info("SubAppId {}: event {} ({}) was not confirmed in time; delivered again (delivery {})",
                        subAppId, e.id(), e.event().eventType(), delivered.deliveries());
            }
        }
        if (!taken.isEmpty()) {
            changes.changed();
        }
        return taken;
    }

    private long untilNextVisible(long subAppId, Instant now) {
        return queues.getOrDefault(subAppId, Map.of()).values().stream()
                .mapToLong(e -> Duration.between(now, e.visibleAt()).toNanos()).filter(n -> n > 0).min()
                .orElse(Long.MAX_VALUE);
    }

    /** Drops expired events and forgets old confirmations; scans only when something is due (calls are frequent). */
    private void purge(Instant now) {
        if (!now.isBefore(nextExpiry)) {
            nextExpiry = Instant.MAX;
            for (Map<Long, QueuedEvent> queue : queues.values()) {
                queue.values().removeIf(e -> {
                    Instant expiry = e.enqueuedAt().plus(policy.retention());
                    boolean expired = !expiry.isAfter(now);
                    if (expired) {
                        e.handle().ifPresent(byHandle::remove);
                        log.info("SubAppId {}: event {} ({}) dropped unconfirmed after the {} retention", e.event()
                                .subAppId(), e.id(), e.event().eventType(), policy.retention());
                        changes.changed();
                    } else {
                        nextExpiry = earlier(nextExpiry, expiry);
                    }
                    return expired;
                });
            }
        }
        if (!now.isBefore(nextForget)) {
            nextForget = Instant.MAX;
            confirmed.values().removeIf(forgetAt -> {
                boolean forget = !forgetAt.isAfter(now);
                if (!forget) {
                    nextForget = earlier(nextForget, forgetAt);
                }
                return forget;
            });
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Opaque, like the cloud's: base64 of {@code <epoch seconds>.<16 hex>}. */
    private String newHandle(Instant now) {
        String raw = now.getEpochSecond() + "." + ids.hex(8).toUpperCase(Locale.ROOT);
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }
}
