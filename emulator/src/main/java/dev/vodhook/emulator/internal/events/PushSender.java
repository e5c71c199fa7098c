package dev.vodhook.emulator.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.Delivery;
import dev.vodhook.emulator.DeliveryAttempt;
import dev.vodhook.emulator.internal.LazyHttpClient;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.signing.CallbackSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * Makes one push attempt: {@code POST} of the event ({@code application/json}, nulls omitted, {@code Sign}/{@code T}
 * added when the application has a SignKey) and tells how it went. Only HTTP 200 is a success. An injected
 * {@link PushFault} ({@code fail}, {@code timeout}, {@code duplicate}, {@code vanish}) changes what happens: see its
 * kinds; those that hold an attempt back are {@link PushDelivery}'s.
 */
public final class PushSender implements AutoCloseable {

    private final Duration timeout;
    private final Clock clock;
    private final LazyHttpClient http;

    public PushSender(Duration timeout, Clock clock, ExecutorService executor) {
        this.timeout = timeout;
        this.clock = clock;
        this.http = new LazyHttpClient(() -> HttpClient.newBuilder().connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1).executor(executor).build());
    }

    /** Makes the attempt, shaped by {@code fault} if one is given. */
    DeliveryAttempt send(DueAttempt due, Optional<PushFault> fault) {
        if (fault.isEmpty()) {
            DeliveryAttempt plain = post(due);
            return due.shapedBy().map(plain::withFault).orElse(plain);
        }
        PushFault f = fault.get();
        Instant at = clock.instant();
        DeliveryAttempt outcome = switch (f.kind()) {
            case FAIL -> new DeliveryAttempt(due.number(), at, OptionalInt.of(f.value()),
                    Optional.of("HTTP " + f.value() + " (injected; not sent)"), 0, Optional.empty());
            case TIMEOUT -> {
                DeliveryAttempt sent = post(due);
                String answer = sent.statusCode().isPresent() ? "HTTP " + sent.statusCode().getAsInt()
                        : sent.error().orElse("nothing");
                yield new DeliveryAttempt(due.number(), sent.at(), OptionalInt.empty(),
                        Optional.of("timed out (injected; the receiver answered " + answer + ")"),
                        sent.durationMillis(), Optional.empty());
            }
            case DUPLICATE -> {
                DeliveryAttempt first = post(due);
                post(due);
                yield first;
            }
            case VANISH -> new DeliveryAttempt(due.number(), at, OptionalInt.empty(),
                    Optional.of("vanished (injected; not sent)"), 0, Optional.empty());
            case DELAY, REORDER -> throw new IllegalArgumentException(f.label() + " holds attempts back, not sent");
        };
        return outcome.withFault(f.label());
    }

    private DeliveryAttempt post(DueAttempt due) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(due.delivery().url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(due.delivery(), due.signKey(), at)))
                    .build();
            HttpResponse<Void> response = http.get().send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new DeliveryAttempt(due.number(), at, OptionalInt.of(status),
                    status == 200 ? Optional.empty() : Optional.of("HTTP " + status), millisSince(started),
                    Optional.empty());
        } catch (HttpTimeoutException e) {
            return failed(due.number(), at, started, "timed out after " + timeout.toMillis() + " ms");
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return failed(due.number(), at, started, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(due.number(), at, started, "interrupted (emulator stopping)");
        }
    }

    private static byte[] body(Delivery delivery, Optional<String> signKey, Instant now) {
        ObjectNode body = ((ObjectNode) delivery.body()).deepCopy();
        signKey.ifPresent(key -> {
            long t = now.getEpochSecond() + CallbackSignature.VALIDITY.toSeconds();
            body.put("Sign", CallbackSignature.sign(key, t));
            body.put("T", t);
        });
        return VodJson.bytes(VodJson.PUSH, body);
    }

    /** The exception's type and the first message found along its causes ("ConnectException: Connection refused"). */
    private static String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return e.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static DeliveryAttempt failed(int number, Instant at, long started, String error) {
        return new DeliveryAttempt(number, at, OptionalInt.empty(), Optional.of(error), millisSince(started),
                Optional.empty());
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Stops the client without waiting for open exchanges. */
    @Override
    public void close() {
        http.close();
    }
}
