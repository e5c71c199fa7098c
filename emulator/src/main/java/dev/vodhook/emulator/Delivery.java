package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One event pushed (or being pushed) to a NotificationUrl, with every attempt so far.
 *
 * @param body          the event as pushed, without the per-attempt {@code Sign}/{@code T}
 * @param status        {@code PENDING} while attempts remain, then {@code DELIVERED} or {@code FAILED}, or
 *                      {@code LOST} when an injected fault made it vanish
 * @param nextAttemptAt when the next attempt is due, if one is scheduled (empty while an injected {@code reorder}
 *                      fault holds it)
 */
public record Delivery(long id, long subAppId, String eventType, String url, JsonNode body, Instant createdAt,
                       String status, List<DeliveryAttempt> attempts, Optional<Instant> nextAttemptAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";
    public static final String LOST = "LOST";

    Delivery withAttempt(DeliveryAttempt attempt, String newStatus, Optional<Instant> next) {
        List<DeliveryAttempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return new Delivery(id, subAppId, eventType, url, body, createdAt, newStatus, List.copyOf(all), next);
    }

    Delivery rescheduled(Optional<Instant> next) {
        return new Delivery(id, subAppId, eventType, url, body, createdAt, status, attempts, next);
    }
}
