/**
 * The inbox of VOD events: appending them ({@link IncomingEvent}, {@link AppendOutcome}), claiming due ones under a
 * {@link Lease} ({@link ClaimedEvent}), recording the outcome ({@link EventStatus}), replay, the filters and
 * summaries the operator API and console list, and the intake activity counts.
 */
package dev.vodhook.store.inbox;
