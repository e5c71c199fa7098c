package dev.vodhook.store.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Which deliveries to list or replay; every part optional. Times are the notification's ({@code createdAt}).
 *
 * @param type          the notification's type
 * @param createdFrom   at or after
 * @param createdBefore before
 * @param beforeId      deliveries with a smaller id (paging, newest first)
 */
public record DeliveryFilter(Optional<String> endpointUrl, Optional<DeliveryStatus> status,
        Optional<NotificationType> type, Optional<String> fileId, Optional<Instant> createdFrom,
        Optional<Instant> createdBefore, Optional<Long> beforeId) {

    public static DeliveryFilter all() {
        return new DeliveryFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DeliveryFilter withEndpointUrl(String value) {
        return new DeliveryFilter(Optional.of(value), status, type, fileId, createdFrom, createdBefore, beforeId);
    }

    public DeliveryFilter withStatus(DeliveryStatus value) {
        return new DeliveryFilter(endpointUrl, Optional.of(value), type, fileId, createdFrom, createdBefore, beforeId);
    }

    public DeliveryFilter withType(NotificationType value) {
        return new DeliveryFilter(endpointUrl, status, Optional.of(value), fileId, createdFrom, createdBefore,
                beforeId);
    }

    public DeliveryFilter withFileId(String value) {
        return new DeliveryFilter(endpointUrl, status, type, Optional.of(value), createdFrom, createdBefore, beforeId);
    }

    public DeliveryFilter withCreatedFrom(Instant value) {
        return new DeliveryFilter(endpointUrl, status, type, fileId, Optional.of(value), createdBefore, beforeId);
    }

    public DeliveryFilter withCreatedBefore(Instant value) {
        return new DeliveryFilter(endpointUrl, status, type, fileId, createdFrom, Optional.of(value), beforeId);
    }

    public DeliveryFilter withBeforeId(long value) {
        return new DeliveryFilter(endpointUrl, status, type, fileId, createdFrom, createdBefore, Optional.of(value));
    }

    /** The same deliveries on every page: without {@code beforeId}. */
    public DeliveryFilter fromNewest() {
        return new DeliveryFilter(endpointUrl, status, type, fileId, createdFrom, createdBefore, Optional.empty());
    }
}
