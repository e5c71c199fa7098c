package dev.vodhook.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts callbacks from several threads at once, as VOD's push workers would, and records how each was answered;
 * no answer (a refused connection, a receiver killed mid-request) is status 0. A test acts mid-stream with
 * {@link #whenAcknowledged}: the sender that gets the n-th 200 runs the action at once, while the others go on.
 */
final class CallbackSender {
    /** One callback: a body and the receiver URL it goes to. */
    record Callback(String url, String body) {}

    /** How a callback was answered; 0 when it was not answered at all. */
    record Outcome(Callback callback, int status) {
        boolean acknowledged() {
            return status == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private volatile int actAt = Integer.MAX_VALUE;
    private volatile Runnable action = () -> {};

    /** Runs {@code action} on the sender that gets the {@code n}-th 200 (counted over this sender's life). */
    CallbackSender whenAcknowledged(int n, Runnable action) {
        this.action = action;
        this.actAt = n;
        return this;
    }

    /** Posts every callback, {@code senders} at a time in list order; the outcomes come in the same order. */
    CompletableFuture<List<Outcome>> start(List<Callback> callbacks, int senders) {
        return CompletableFuture.supplyAsync(() -> postAll(callbacks, senders), r -> Thread.ofVirtual().start(r));
    }

    /** Callbacks answered 200 so far. */
    int acknowledged() {
        return acknowledged.get();
    }

    private List<Outcome> postAll(List<Callback> callbacks, int senders) {
        AtomicInteger next = new AtomicInteger();
        Outcome[] outcomes = new Outcome[callbacks.size()];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                running.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < callbacks.size()) {
                        outcomes[i] = post(callbacks.get(i));
                    }
                }));
            }
        }
        return List.of(outcomes);
    }

    private Outcome post(Callback callback) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(callback.url())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(callback.body())).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200 && acknowledged.incrementAndGet() == actAt) {
                action.run();
            }
            return new Outcome(callback, status);
        } catch (IOException e) {
            return new Outcome(callback, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(callback, 0);
        }
    }
}
