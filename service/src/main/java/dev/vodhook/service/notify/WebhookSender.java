package dev.vodhook.service.notify;

import dev.vodhook.signing.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * POSTs one signed notification and says what came of it, within a deadline that covers the whole exchange
 * (connecting, the answer's headers and its first KB, which is all that is read). Redirects are not followed
 * (a 3xx is a failure, as Standard Webhooks says); HTTP/1.1, connections kept alive.
 */
public final class WebhookSender {
    private static final int FIRST_BYTES = 1024;

    /**
     * What one attempt came to.
     *
     * @param status  the answer's status; empty when none came
     * @param answer  its first KB, or what went wrong
     * @param reason  {@code delivered}, {@code gone}, {@code status_3xx}, {@code status_4xx}, {@code status_5xx},
     *                {@code timeout}, {@code refused} or {@code error}: what metrics count failures by
     * @param nanos   how long it took
     * @param retryAfter the answer's {@code Retry-After} header, if it had one (first {@link RetryAfter#MAX_LENGTH}
     *                characters)
     */
    public record Answer(OptionalInt status, String answer, String reason, long nanos, Optional<String> retryAfter) {
        public boolean delivered() {
            return reason.equals("delivered");
        }

        public boolean gone() {
            return reason.equals("gone");
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    public WebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** Sends {@code body} with the Standard Webhooks headers; never throws for what the endpoint does. */
    public Answer send(URI url, String id, long timestampSeconds, String signature, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("user-agent", "vodhook")
                .header(WebhookSignature.ID_HEADER, id)
                .header(WebhookSignature.TIMESTAMP_HEADER, String.valueOf(timestampSeconds))
                .header(WebhookSignature.SIGNATURE_HEADER, signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, r -> new FirstBytes(FIRST_BYTES));
        try {
            HttpResponse<byte[]> response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            int status = response.statusCode();
            String answer = new String(response.body(), StandardCharsets.UTF_8);
            Optional<String> retryAfter = response.headers().firstValue("retry-after")
                    .map(v -> v.length() <= RetryAfter.MAX_LENGTH ? v : v.substring(0, RetryAfter.MAX_LENGTH));
            return new Answer(OptionalInt.of(status), answer, reason(status), System.nanoTime() - started, retryAfter);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failed("no answer within " + timeout, "timeout", started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return failed("no answer within " + timeout + " (" + cause.getMessage() + ")", "timeout", started);
            }
            if (cause instanceof ConnectException) {
                return failed("connection refused: " + cause, "refused", started);
            }
            return failed(cause instanceof IOException ? cause.toString() : "unexpected: " + cause, "error", started);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return failed("interrupted (shutting down)", "error", started);
        }
    }

    static String reason(int status) {
        if (status >= 200 && status < 300) {
            return "delivered";
        }
        if (status == 410) {
            return "gone";
        }
        return status >= 300 && status < 600 ? "status_" + status / 100 + "xx" : "error";
    }

    private static Answer failed(String what, String reason, long started) {
        return new Answer(OptionalInt.empty(), what, reason, System.nanoTime() - started, Optional.empty());
    }

    /** Keeps the first {@code limit} bytes of an answer and stops reading there. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = Math.min(b.remaining(), limit - bytes.size());
                byte[] chunk = new byte[n];
                b.get(chunk);
                bytes.write(chunk, 0, n);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }
    }
}
