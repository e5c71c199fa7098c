package dev.vodhook.emulator.internal.api;

import java.time.Duration;

/**
 * What happens to one call of {@code action} (fault injection): it fails with {@code errorCode}, or, when
 * {@code delay} is positive, it waits that long and then runs as usual (a slow VOD: a client that gives up first
 * never learns that the call took effect).
 */
public record ApiFault(String action, String errorCode, Duration delay) {

    public static ApiFault failing(String action, String errorCode) {
        return new ApiFault(action, errorCode, Duration.ZERO);
    }

    public static ApiFault delaying(String action, Duration delay) {
        return new ApiFault(action, "", delay);
    }

    boolean delays() {
        return delay.isPositive();
    }

    /** The error code, or {@code delay 2000 ms}: what {@code GET /_emulator/faults} lists. */
    public String label() {
        return delays() ? "delay " + delay.toMillis() + " ms" : errorCode;
    }

    LocalVodApiError error() {
        return new LocalVodApiError(errorCode, "Injected fault: " + action + " fails with " + errorCode + ".");
    }
}
