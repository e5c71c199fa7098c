package dev.vodhook.service.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An endpoint's {@code Retry-After} on a 429 Too Many Requests or a 503 Service Unavailable (RFC 9110 10.2.3):
 * delay-seconds ({@code 120}) or an HTTP-date ({@code Wed, 21 Oct 2026 07:28:00 GMT}). Any other status, or a value
 * of neither form, asks for nothing, and the retry schedule alone decides.
 */
public final class RetryAfter {
    /** Longer than any sane header; what is past it is not parsed, nor kept. */
    static final int MAX_LENGTH = 64;

    private RetryAfter() {}

    /** Whether a Retry-After on an answer with this status is heeded: 429 and 503. */
    public static boolean heeded(OptionalInt status) {
        return status.isPresent() && (status.getAsInt() == 429 || status.getAsInt() == 503);
    }

    /** How long from {@code now} the header asks to wait (zero for a date in the past); empty when it is garbage. */
    public static Optional<Duration> parse(String header, Instant now) {
        String value = header.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // delay-seconds; more digits than a long holds is still "a long time", capped by the schedule later
            return Optional.of(value.length() > 18 ? Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)
                    : Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
