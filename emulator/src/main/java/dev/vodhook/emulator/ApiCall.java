package dev.vodhook.emulator;

import java.time.Instant;

/**
 * One call of the API, as {@code /_emulator/calls} lists it.
 *
 * @param receivedAt when it arrived, by the configured clock (before any injected delay)
 * @param errorCode  the error it was answered with, empty when it succeeded
 */
public record ApiCall(String requestId, String action, Instant receivedAt, String errorCode) {

    public boolean succeeded() {
        return errorCode.isEmpty();
    }
}
