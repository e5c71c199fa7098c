package dev.vodhook.emulator;

import dev.vodhook.emulator.internal.events.EmittedEvent;
import dev.vodhook.emulator.internal.state.StateChanges;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every push delivery and its attempts, for tests and {@code /_emulator/deliveries}: {@link #all()},
 * {@link #ofType(String)}. The other methods are the local VOD's own (its push delivery and saved state write the
 * journal with them); tests only read it.
 */
public final class DeliveryJournal {

    private final Map<Long, Delivery> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final StateChanges changes;

    public DeliveryJournal(StateChanges changes) {
        this.changes = changes;
    }

    public Delivery open(EmittedEvent event, String url, Instant now) {
        Delivery d = new Delivery(sequence.incrementAndGet(), event.subAppId(), event.eventType(), url,
                event.content(), now, Delivery.PENDING, List.of(), Optional.of(now));
        deliveries.put(d.id(), d);
        changes.changed();
        return d;
    }

    /** Adds an attempt to a delivery; false when the delivery is no longer known (the journal was cleared). */
    public boolean record(long id, DeliveryAttempt attempt, String status, Optional<Instant> next) {
        boolean known = deliveries.computeIfPresent(id, (k, d) -> d.withAttempt(attempt, status, next)) != null;
        changes.changed();
        return known;
    }

    /** Sets when the next attempt is due (empty: held until released) without adding one; false when unknown. */
    public boolean reschedule(long id, Optional<Instant> next) {
        boolean known = deliveries.computeIfPresent(id, (k, d) -> d.rescheduled(next)) != null;
        changes.changed();
        return known;
    }

    /** The deliveries still {@code PENDING}, oldest first. */
    public List<Delivery> pending() {
        return all().stream().filter(d -> Delivery.PENDING.equals(d.status())).toList();
    }

    /** The number the latest delivery got. */
    public long lastId() {
        return sequence.get();
    }

    /** Replaces everything with saved deliveries; new ones are numbered after {@code lastId}. */
    public void restore(List<Delivery> saved, long lastId) {
        deliveries.clear();
        saved.forEach(d -> deliveries.put(d.id(), d));
        sequence.set(lastId);
    }

    /** Every delivery, in the order the events were published. */
    public List<Delivery> all() {
        return deliveries.values().stream().sorted(Comparator.comparingLong(Delivery::id)).toList();
    }

    /** The deliveries of one event type, in order. */
    public List<Delivery> ofType(String eventType) {
        return all().stream().filter(d -> d.eventType().equals(eventType)).toList();
    }

    public void clear() {
        deliveries.clear();
        changes.changed();
    }
}
