package dev.vodhook.emulator;

import java.time.Instant;

/**
 * One call of the API, as {@code /_emulator/calls} lists it.
 *
 * @param receivedAt when it arrived, by the configured clock (before any injected delay)
 * @param errorCode  the error it was answered with, empty when it succeeded
 * @param fault      the injected fault it met: an error code, or {@code delay 3000 ms}; empty when none
 */
public record ApiCall(String requestId, String action, Instant receivedAt, String errorCode, String fault) {

    public boolean succeeded() {
        return errorCode.isEmpty();
    }
}
