package dev.vodhook.emulator;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One try at pushing an event.
 *
 * @param statusCode the receiver's HTTP status, empty when no answer came
 * @param error      why the attempt failed (non-200 status, timeout, refused connection), empty on success
 * @param fault      the injected fault that shaped it ({@code fail 503}, {@code timeout}, {@code duplicate},
 *                   {@code vanish}, {@code delay 30s}, {@code reorder 3}), empty for a plain attempt
 */
public record DeliveryAttempt(int number, Instant at, OptionalInt statusCode, Optional<String> error,
                              long durationMillis, Optional<String> fault) {

    public DeliveryAttempt withFault(String label) {
        return new DeliveryAttempt(number, at, statusCode, error, durationMillis, Optional.of(label));
    }

    public boolean succeeded() {
        return statusCode.isPresent() && statusCode.getAsInt() == 200;
    }
}
