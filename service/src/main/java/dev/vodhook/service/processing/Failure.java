package dev.vodhook.service.processing;

import dev.vodhook.events.MalformedEventException;
import dev.vodhook.service.vod.VodApiException;

/**
 * Why a handler failed, and whether trying again can help: VOD's own verdict for API errors, never
 * for an event that cannot be read, and yes for everything else (database trouble, bugs that a
 * fix and a later attempt may cure).
 */
record Failure(String message, boolean retryable) {

    static Failure of(Throwable e) {
        if (e instanceof VodApiException vod) {
            return new Failure(vod.getMessage(), vod.retryable());
        }
        if (e instanceof MalformedEventException) {
            return new Failure("unreadable event: " + e.getMessage(), false);
        }
        String message = e.getMessage() == null ? e.getClass().getName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Failure(message, true);
    }
}
