package dev.vodhook.store.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One delivery attempt: when it started, who made it, how long it took, what came back.
 *
 * @param statusCode the answer's HTTP status; empty when no answer came (timeout, refused, ...)
 * @param response   the answer's first KB, or what went wrong
 * @param retryAfter the answer's {@code Retry-After} as received, when it was heeded (a 429 or a 503 with one): the
 *                   next attempt was put off to it, within the retry schedule's longest wait
 */
public record AttemptRecord(long deliveryId, int attempt, String owner, Instant startedAt, Duration latency,
        OptionalInt statusCode, AttemptOutcome outcome, String response, Optional<String> retryAfter) {

    /** The most of an answer or error kept per attempt. */
    public static final int MAX_RESPONSE = 1024;

    public AttemptRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(retryAfter, "retryAfter");
        response = response == null ? "" : response.length() <= MAX_RESPONSE ? response
                : response.substring(0, MAX_RESPONSE);
    }

    /** An attempt whose answer asked for no later retry. */
    public AttemptRecord(long deliveryId, int attempt, String owner, Instant startedAt, Duration latency,
            OptionalInt statusCode, AttemptOutcome outcome, String response) {
        this(deliveryId, attempt, owner, startedAt, latency, statusCode, outcome, response, Optional.empty());
    }

    /** {@code 500: the first bytes} or the error, as a delivery's last error. */
    public String summary() {
        return statusCode.isPresent() ? statusCode.getAsInt() + (response.isEmpty() ? "" : ": " + response) : response;
    }
}
