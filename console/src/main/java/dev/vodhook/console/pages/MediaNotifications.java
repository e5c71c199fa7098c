package dev.vodhook.console.pages;

import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.store.outbox.Notification;
import dev.vodhook.store.outbox.OutboxLog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What vodhook told the application about a media, and where: each notification in order, with its delivery to each
 * endpoint (as {@code GET /api/media/{fileId}/notifications} answers it).
 *
 * @param truncated whether the media has more deliveries than {@link #MAX_DELIVERIES}, the most shown
 */
public record MediaNotifications(List<Sent> sent, boolean truncated) {
    static final int MAX_DELIVERIES = 500;

    /** One notification and its deliveries, by endpoint. */
    public record Sent(Notification notification, List<DeliveryView> deliveries) {}

    static MediaNotifications of(OutboxLog log, String fileId) {
        List<DeliveryView> deliveries = log.list(DeliveryFilter.all().withFileId(fileId), MAX_DELIVERIES);
        Map<Long, List<DeliveryView>> byNotification = deliveries.stream()
                .collect(Collectors.groupingBy(DeliveryView::notificationId));
        List<Sent> sent = log.notifications(fileId).stream().map(n -> new Sent(n, byNotification
                .getOrDefault(n.id(), List.of()).stream().sorted(Comparator.comparing(DeliveryView::endpointUrl))
                .toList())).toList();
        return new MediaNotifications(sent, deliveries.size() == MAX_DELIVERIES);
    }
}
