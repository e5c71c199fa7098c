package dev.vodhook.service.http;

import dev.vodhook.service.ServiceConfig;
import java.time.Duration;

/**
 * What one client may ask of the HTTP listeners, so that a slow or hostile one cannot hold threads,
 * connections or memory for long. The body size limit is {@link ServiceConfig#maxBodyBytes()}.
 *
 * @param maxHeaderBytes         request line and headers together; larger gets 431
 * @param idleTimeout            a connection that sends nothing for this long is closed (also one that
 *                               stops halfway through a request)
 * @param readTimeout            a callback's body must have come this long after its reading began
 *                               (408 otherwise), so a client trickling it in cannot hold a request either;
 *                               it holds one for this plus one idle timeout at most
 * @param maxConcurrentCallbacks requests the public listener handles at once; beyond them it answers
 *                               503 with {@code Retry-After} straight away
 */
public record HttpLimits(int maxHeaderBytes, Duration idleTimeout, Duration readTimeout,
        int maxConcurrentCallbacks) {

    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONCURRENT_CALLBACKS = 512;

    public HttpLimits {
        if (maxHeaderBytes < 1024 || maxConcurrentCallbacks < 1) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1024 and maxConcurrentCallbacks at least"
                    + " 1: " + maxHeaderBytes + ", " + maxConcurrentCallbacks);
        }
        if (!idleTimeout.isPositive() || !readTimeout.isPositive()) {
            throw new IllegalArgumentException("idleTimeout and readTimeout must be positive: " + idleTimeout + ", "
                    + readTimeout);
        }
    }

    /** 8 KiB of headers, 30 s idle, a callback's body within 10 s, 512 callbacks at once. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_MAX_CONCURRENT_CALLBACKS);
    }

    public HttpLimits withIdleTimeout(Duration value) {
        return new HttpLimits(maxHeaderBytes, value, readTimeout, maxConcurrentCallbacks);
    }

    public HttpLimits withReadTimeout(Duration value) {
        return new HttpLimits(maxHeaderBytes, idleTimeout, value, maxConcurrentCallbacks);
    }

    public HttpLimits withMaxHeaderBytes(int value) {
        return new HttpLimits(value, idleTimeout, readTimeout, maxConcurrentCallbacks);
    }

    public HttpLimits withMaxConcurrentCallbacks(int value) {
        return new HttpLimits(maxHeaderBytes, idleTimeout, readTimeout, value);
    }

    @Override
    public String toString() {
        return "headers " + maxHeaderBytes + " B, idle " + idleTimeout + ", callback bodies within " + readTimeout
                + ", " + maxConcurrentCallbacks + " callbacks at once";
    }
}
