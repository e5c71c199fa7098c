package dev.vodhook.store.inbox;

/**
 * The outcome of appending an event: its inbox id, and whether an event with the same dedupe key
 * was already there (then {@code id} is that earlier event's and nothing was written).
 */
public record AppendResult(long id, boolean duplicate) {}
