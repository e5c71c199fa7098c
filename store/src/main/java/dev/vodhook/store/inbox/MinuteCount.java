package dev.vodhook.store.inbox;

import java.time.Instant;

/**
 * How many events of one kind fell into one minute.
 *
 * @param minute the minute's start
 * @param key    what was counted: a {@link EventSource} name for events received, an {@link EventStatus} name for
 *               events finished
 */
public record MinuteCount(Instant minute, String key, long count) {}
