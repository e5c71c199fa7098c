package dev.vodhook.service.processing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The claims a worker holds under a lease (the processor's events, the deliverer's deliveries), from their claim
 * until they are marked, and which of their runs are going since when: what its heartbeat extends, and what it
 * abandons once a run has gone past a hard limit. Every change names the claim (row and attempt) it is about, so
 * that a late word about an earlier claim of the same row changes nothing.
 *
 * @param <C> a claim: {@code ClaimedEvent}, {@code ClaimedDelivery}
 */
public final class HeldLeases<C> {
    private final Map<Long, Held<C>> held = new ConcurrentHashMap<>();
    private final ToLongFunction<C> id;
    private final ToIntFunction<C> attempt;

    /** A claim held, and its run's thread and start while it runs. */
    public record Held<C>(C claimed, Optional<Running> handler) {}

    /** A run going on {@code thread} since {@code since}. */
    public record Running(Thread thread, Instant since) {}

    /** @param id the claimed row's id; @param attempt the claim's attempt number, its fencing token */
    public HeldLeases(ToLongFunction<C> id, ToIntFunction<C> attempt) {
        this.id = id;
        this.attempt = attempt;
    }

    public void hold(Collection<C> claimed) {
        claimed.forEach(c -> held.put(id.applyAsLong(c), new Held<>(c, Optional.empty())));
    }

    /** The claim's run starts now, on the calling thread. */
    public void started(C claimed, Instant now) {
        replace(claimed, new Held<>(claimed, Optional.of(new Running(Thread.currentThread(), now))));
    }

    /** The claim's run returned or threw; the claim stays held until it is marked. */
    public void stopped(C claimed) {
        replace(claimed, new Held<>(claimed, Optional.empty()));
    }

    /** The claim is no longer ours to extend: marked, lost, or abandoned. True if it was held until now. */
    public boolean forget(C claimed) {
        Held<C> h = held.get(id.applyAsLong(claimed));
        return h != null && sameClaim(h, claimed) && held.remove(id.applyAsLong(claimed), h);
    }

    public void forgetAll(Collection<C> claimed) {
        claimed.forEach(this::forget);
    }

    /** Every claim held. */
    public List<C> claims() {
        return held.values().stream().map(Held::claimed).toList();
    }

    /** Held claims whose run has been going since before {@code startedBefore}. */
    public List<Held<C>> runningSince(Instant startedBefore) {
        return held.values().stream()
                .filter(h -> h.handler().filter(r -> r.since().isBefore(startedBefore)).isPresent())
                .toList();
    }

    /** What is held of this row at this attempt, if it still is. */
    public Optional<Held<C>> find(long rowId, int attemptNumber) {
        return Optional.ofNullable(held.get(rowId)).filter(h -> attempt.applyAsInt(h.claimed()) == attemptNumber);
    }

    public int size() {
        return held.size();
    }

    private void replace(C claimed, Held<C> next) {
        held.computeIfPresent(id.applyAsLong(claimed), (k, h) -> sameClaim(h, claimed) ? next : h);
    }

    private boolean sameClaim(Held<C> h, C claimed) {
        return attempt.applyAsInt(h.claimed()) == attempt.applyAsInt(claimed);
    }
}
