/**
 * The outbox of notifications to the application: the {@link Outbox} (endpoints, deliveries claimed under a
 * lease, attempts and their outcomes), the {@link NotificationWriter} that turns media changes into notifications,
 * and the delivery log the operator API and console show ({@link OutboxLog}).
 */
package dev.vodhook.store.outbox;
