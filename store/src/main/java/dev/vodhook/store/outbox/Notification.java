package dev.vodhook.store.outbox;

import java.time.Instant;

/**
 * One notification as written in the outbox.
 *
 * @param id        its row, in commit order within a media
 * @param eventId   the {@code webhook-id}: the same for the same state change, however often it is reported
 * @param sequence  1, 2, 3... per media
 * @param createdAt when the change was committed; the payload's {@code timestamp}
 * @param body      the JSON payload, exactly as delivered and signed
 */
public record Notification(long id, String eventId, String fileId, long sequence, NotificationType type,
        Instant createdAt, String body) {}
