package dev.vodhook.store.outbox;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A delivery as the operator sees it: which notification, to where, how far it got.
 *
 * @param lastStatus the last answer's HTTP status, if one came
 * @param lastError  the last answer's first bytes, or the last error
 * @param finishedAt when it became DELIVERED or DEAD
 */
public record DeliveryView(long id, String endpointUrl, long notificationId, String eventId, NotificationType type,
        String fileId, long sequence, DeliveryStatus status, int attempts, Instant nextAttemptAt,
        OptionalInt lastStatus, Optional<String> lastError, Instant createdAt, Optional<Instant> finishedAt) {}
