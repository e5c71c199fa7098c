package dev.vodhook.service;

import java.time.Duration;

/**
 * What one client may ask of the HTTP listeners, so that a slow or hostile one cannot hold threads,
 * connections or memory for long. The body size limit is {@link ServiceConfig#maxBodyBytes()}.
 *
 * @param maxHeaderBytes         request line and headers together; larger gets 431
 * @param idleTimeout            a connection that sends nothing for this long is closed (also one that
 *                               stops halfway through a request)
 * @param minRequestBytesPerSecond a request body that comes slower than this is cut off (408), so a
 *                               trickling client cannot hold a request open for long either
 * @param maxConcurrentCallbacks requests the public listener handles at once; beyond them it answers
 *                               503 with {@code Retry-After} straight away
 */
public record HttpLimits(int maxHeaderBytes, Duration idleTimeout, long minRequestBytesPerSecond,
        int maxConcurrentCallbacks) {

    public static final int DEFAULT_MAX_HEADER_BYTES = 8 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 16 * 1024;
    public static final int DEFAULT_MAX_CONCURRENT_CALLBACKS = 512;

    public HttpLimits {
        if (maxHeaderBytes < 1024 || maxConcurrentCallbacks < 1 || minRequestBytesPerSecond < 0) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1024, maxConcurrentCallbacks at least 1"
                    + " and minRequestBytesPerSecond not negative: " + maxHeaderBytes + ", " + maxConcurrentCallbacks
                    + ", " + minRequestBytesPerSecond);
        }
        if (!idleTimeout.isPositive()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
    }

    /** 8 KiB of headers, 30 s idle, bodies at 16 KiB/s at least, 512 callbacks at once. */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_HEADER_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_MIN_REQUEST_BYTES_PER_SECOND,
                DEFAULT_MAX_CONCURRENT_CALLBACKS);
    }

    public HttpLimits withIdleTimeout(Duration value) {
        return new HttpLimits(maxHeaderBytes, value, minRequestBytesPerSecond, maxConcurrentCallbacks);
    }

    public HttpLimits withMinRequestBytesPerSecond(long value) {
        return new HttpLimits(maxHeaderBytes, idleTimeout, value, maxConcurrentCallbacks);
    }

    public HttpLimits withMaxHeaderBytes(int value) {
        return new HttpLimits(value, idleTimeout, minRequestBytesPerSecond, maxConcurrentCallbacks);
    }

    public HttpLimits withMaxConcurrentCallbacks(int value) {
        return new HttpLimits(maxHeaderBytes, idleTimeout, minRequestBytesPerSecond, value);
    }

    @Override
    public String toString() {
        return "headers " + maxHeaderBytes + " B, idle " + idleTimeout + ", bodies at " + minRequestBytesPerSecond
                + " B/s at least, " + maxConcurrentCallbacks + " callbacks at once";
    }
}
