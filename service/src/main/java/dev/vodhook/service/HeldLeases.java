package dev.vodhook.service;

import dev.vodhook.store.ClaimedEvent;
import dev.vodhook.store.Lease;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events a processor holds under a lease, from their claim until they are marked DONE, failed or DEAD, and
 * which of their handlers are running since when: what its heartbeat extends, and what it abandons once a handler
 * has run past the hard limit. Every change names the claim (event and attempt) it is about, so that a late word
 * about an earlier claim of the same event changes nothing.
 */
final class HeldLeases {
    private final Map<Long, Held> held = new ConcurrentHashMap<>();

    /** An event held, and its handler's thread and start while it runs. */
    record Held(ClaimedEvent claimed, Optional<Running> handler) {}

    /** A handler running on {@code thread} since {@code since}. */
    record Running(Thread thread, Instant since) {}

    void hold(Collection<ClaimedEvent> claimed) {
        claimed.forEach(c -> held.put(c.id(), new Held(c, Optional.empty())));
    }

    /** The event's handler starts now, on the calling thread. */
    void started(ClaimedEvent claimed, Instant now) {
        replace(claimed, new Held(claimed, Optional.of(new Running(Thread.currentThread(), now))));
    }

    /** The event's handler returned or threw; the event stays held until it is marked. */
    void stopped(ClaimedEvent claimed) {
        replace(claimed, new Held(claimed, Optional.empty()));
    }

    /** The event is no longer ours to extend: marked, lost, or abandoned. True if it was held until now. */
    boolean forget(ClaimedEvent claimed) {
        Held h = held.get(claimed.id());
        return h != null && sameClaim(h, claimed) && held.remove(claimed.id(), h);
    }

    void forgetAll(Collection<ClaimedEvent> claimed) {
        claimed.forEach(this::forget);
    }

    /** The leases of every event held. */
    List<Lease> leases() {
        return held.values().stream().map(h -> h.claimed().lease()).toList();
    }

    /** Held events whose handler has been running since before {@code startedBefore}. */
    List<Held> runningSince(Instant startedBefore) {
        return held.values().stream()
                .filter(h -> h.handler().filter(r -> r.since().isBefore(startedBefore)).isPresent())
                .toList();
    }

    /** What is held under this lease, if it still is. */
    Optional<Held> find(Lease lease) {
        return Optional.ofNullable(held.get(lease.eventId())).filter(h -> h.claimed().attempt() == lease.attempt());
    }

    int size() {
        return held.size();
    }

    private void replace(ClaimedEvent claimed, Held next) {
        held.computeIfPresent(claimed.id(), (id, h) -> sameClaim(h, claimed) ? next : h);
    }

    private static boolean sameClaim(Held h, ClaimedEvent claimed) {
        return h.claimed().attempt() == claimed.attempt();
    }
}
