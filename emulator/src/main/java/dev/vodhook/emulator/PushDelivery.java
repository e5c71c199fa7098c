package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUSH sink: one {@code POST} per event to the application's NotificationUrl ({@code application/json}, body =
 * the event, null fields omitted, plus {@code Sign}/{@code T} when a SignKey is set). Anything but HTTP 200 or a
 * timeout is retried on the {@link RetryPolicy}; every attempt goes to the {@link DeliveryJournal}.
 */
final class PushDelivery implements EventSink {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);

    private final DeliveryJournal journal;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService executor;
    private final HttpClient http;

    PushDelivery(DeliveryJournal journal, RetryPolicy retry, Duration timeout, Clock clock, ExecutorService executor) {
        this.journal = journal;
        this.retry = retry;
        this.timeout = timeout;
        this.clock = clock;
        this.executor = executor;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .executor(executor).build();
    }

    @Override
    public void accept(VodEvent event, EventConfig config) {
        if (!EventConfig.PUSH.equals(config.mode())) {
            log.debug("{} for SubAppId {} not pushed: the application is in {} mode", event.eventType(),
                    event.subAppId(), config.mode());
            return;
        }
        if (config.notificationUrl().isBlank()) {
            log.info("{} for SubAppId {} not pushed: no NotificationUrl is configured", event.eventType(), event.subAppId());
            return;
        }
        Delivery delivery = journal.open(event, config.notificationUrl(), clock.instant());
        executor.execute(() -> deliver(delivery, config.signKey()));
    }

    @Override
    public void clear() {
        journal.clear();
    }

    private void deliver(Delivery delivery, Optional<String> signKey) {
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (!pause(retry.delayBefore(attempt))) {
                return;
            }
            DeliveryAttempt outcome = attempt(delivery, attempt, signKey);
            boolean last = attempt == retry.maxAttempts();
            if (outcome.succeeded()) {
                journal.record(delivery.id(), outcome, Delivery.DELIVERED, Optional.empty());
                log.debug("Delivery {} ({}) pushed to {} on attempt {}", delivery.id(), delivery.eventType(),
                        delivery.url(), attempt);
                return;
            }
            Optional<Instant> next = last ? Optional.empty()
                    : Optional.of(clock.instant().plus(retry.delayBefore(attempt + 1)));
            journal.record(delivery.id(), outcome, last ? Delivery.FAILED : Delivery.PENDING, next);
            if (last) {
                log.warn("Delivery {} ({}) to {} failed {} times ({}); giving up", delivery.id(), delivery.eventType(),
                        delivery.url(), attempt, outcome.error().orElse(""));
            } else {
                log.info("Delivery {} ({}) to {} failed on attempt {} ({}); will retry at {}", delivery.id(),
                        delivery.eventType(), delivery.url(), attempt, outcome.error().orElse(""), next.get());
            }
        }
    }

    private DeliveryAttempt attempt(Delivery delivery, int number, Optional<String> signKey) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(delivery, signKey, at)))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new DeliveryAttempt(number, at, OptionalInt.of(status),
                    status == 200 ? Optional.empty() : Optional.of("HTTP " + status), millisSince(started));
        } catch (HttpTimeoutException e) {
            return failed(number, at, started, "timed out after " + timeout.toMillis() + " ms");
        } catch (IOException | IllegalArgumentException e) {
            return failed(number, at, started, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(number, at, started, "interrupted (emulator stopping)");
        }
    }

    private static byte[] body(Delivery delivery, Optional<String> signKey, Instant now) {
        ObjectNode body = ((ObjectNode) delivery.body()).deepCopy();
        signKey.ifPresent(key -> {
            long t = now.getEpochSecond() + PushSignature.VALIDITY_SECONDS;
            body.put("Sign", PushSignature.sign(key, t));
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
        return new DeliveryAttempt(number, at, OptionalInt.empty(), Optional.of(error), millisSince(started));
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    /** Waits before a retry; false when interrupted (the emulator is stopping). */
    private static boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void close() {
        http.shutdownNow();
    }
}
