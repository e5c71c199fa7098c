package dev.vodhook.emulator;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One try at pushing an event.
 *
 * @param statusCode the receiver's HTTP status, empty when no answer came
 * @param error      why the attempt failed (non-200 status, timeout, refused connection), empty on success
 */
public record DeliveryAttempt(int number, Instant at, OptionalInt statusCode, Optional<String> error,
                              long durationMillis) {

    public boolean succeeded() {
        return statusCode.isPresent() && statusCode.getAsInt() == 200;
    }
}
