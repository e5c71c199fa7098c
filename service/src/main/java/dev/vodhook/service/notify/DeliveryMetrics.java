package dev.vodhook.service.notify;

import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.NotificationType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The deliverer's meters: deliveries by outcome, failed attempts by reason, lag from the state change to its
 * delivery, attempt time; and, refreshed at each scrape, deliveries queued by status and the age of the oldest
 * one not delivered yet.
 */
public final class DeliveryMetrics {
    private final MeterRegistry registry;
    private final Map<DeliveryStatus, AtomicLong> queued = new EnumMap<>(DeliveryStatus.class);
    private final AtomicLong oldestOpenSeconds = new AtomicLong();
    private final Timer lag;
    private final Timer attempt;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DeliveryStatus status : DeliveryStatus.values()) {
            AtomicLong value = new AtomicLong();
            queued.put(status, value);
            Gauge.builder("vodhook.notify.deliveries.queued", value, AtomicLong::get)
                    .description("Deliveries by status, as of the last scrape").tag("status", status.name())
                    .register(registry);
        }
        Gauge.builder("vodhook.notify.oldest.open.seconds", oldestOpenSeconds, AtomicLong::get)
                .description("Age of the oldest notification not yet delivered nor DEAD, as of the last scrape")
                .register(registry);
        lag = Timer.builder("vodhook.notify.lag").description("From the state change's commit to its delivery")
                .publishPercentiles(0.5, 0.99).register(registry);
        attempt = Timer.builder("vodhook.notify.attempt.duration").description("Time of one delivery attempt")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /** @param outcome {@code delivered}, {@code retry}, {@code dead} or {@code gone} */
    void attempted(NotificationType type, String outcome, long nanos) {
        Counter.builder("vodhook.notify.deliveries").description("Delivery attempts by outcome")
                .tag("type", type.wireName()).tag("outcome", outcome).register(registry).increment();
        attempt.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A failed attempt, by {@link WebhookSender.Answer#reason()}. */
    void failed(String reason) {
        Counter.builder("vodhook.notify.failures").description("Failed delivery attempts by reason")
                .tag("reason", reason).register(registry).increment();
    }

    void delivered(Duration sinceChange) {
        lag.record(sinceChange.isNegative() ? Duration.ZERO : sinceChange);
    }

    /** Before a scrape: the queue as the outbox counts it now. */
    public void refresh(Map<DeliveryStatus, Long> counts, Optional<Instant> oldestOpen, Instant now) {
        counts.forEach((status, n) -> queued.get(status).set(n));
        oldestOpenSeconds.set(oldestOpen.map(t -> Math.max(0, Duration.between(t, now).toSeconds())).orElse(0L));
    }
}
