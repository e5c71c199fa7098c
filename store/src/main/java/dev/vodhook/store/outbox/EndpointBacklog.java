package dev.vodhook.store.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How far one endpoint's deliveries got.
 *
 * @param counts       deliveries in each status (every status present, zero if none)
 * @param oldestOpenAt when the oldest notification still to go to it (WAITING, PENDING or SENDING) was written
 */
public record EndpointBacklog(long endpointId, Map<DeliveryStatus, Long> counts, Optional<Instant> oldestOpenAt) {

    public EndpointBacklog {
        counts = Map.copyOf(counts);
    }

    public long count(DeliveryStatus status) {
        return counts.getOrDefault(status, 0L);
    }

    /** WAITING, PENDING and SENDING together: what is still to go. */
    public long open() {
        return count(DeliveryStatus.WAITING) + count(DeliveryStatus.PENDING) + count(DeliveryStatus.SENDING);
    }

    /** How long the oldest open notification has waited by {@code now}. */
    public Optional<Duration> lag(Instant now) {
        return oldestOpenAt.map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now));
    }
}
