/**
 * Not API. Events: the event bus and each application's event config, event contents in VOD's
 * shapes, push delivery (schedule, sender, retries, Sign/T, held and reordered pushes) and the queue of
 * PullEvents and ConfirmEvents.
 */
package dev.vodhook.emulator.internal.events;
