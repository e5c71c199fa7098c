/**
 * Not API. The local VOD's own routes under {@code /_emulator/}: inspection (health, deliveries,
 * calls, queue, media, tasks, reset, a callback that answers 200), fault injection and event injection.
 */
package dev.vodhook.emulator.internal.control;
