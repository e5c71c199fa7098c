package dev.vodhook.emulator.internal;

import java.net.http.HttpClient;
import java.util.function.Supplier;

/**
 * An {@link HttpClient} built on first use: building one sets up TLS (hundreds of classes, the trust store), which
 * is a good part of the emulator's start-up time, and many runs never push nor pull a URL.
 */
public final class LazyHttpClient implements AutoCloseable {

    private final Supplier<HttpClient> build;
    private HttpClient client;
    private boolean closed;

    public LazyHttpClient(Supplier<HttpClient> build) {
        this.build = build;
    }

    public synchronized HttpClient get() {
        if (closed) {
            throw new IllegalStateException("the HTTP client is closed (the emulator is stopping)");
        }
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    /** Stops the client, if it was ever built, without waiting for open exchanges. */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.shutdownNow();
        }
    }
}
