/**
 * Notifications to the application: endpoints and their API ({@link NotifyApi}), the {@link NotificationDeliverer}
 * that signs and sends what the outbox holds ({@link WebhookSender}), and its retry schedule and metrics.
 */
package dev.vodhook.service.notify;
