package dev.vodhook.service.http;

import dev.vodhook.service.ServiceMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * At most {@code max} requests of a listener in hand at once, counted from when their headers are read
 * until their answer is written; beyond that a request is answered 503 with {@code Retry-After} at once,
 * without reading its body, so that a flood (or many slow clients) cannot pile up threads and memory.
 */
public final class ConcurrencyLimit extends Handler.Wrapper {
    static final int RETRY_AFTER_SECONDS = 1;
    private static final byte[] BODY = ("{\"error\":\"Unavailable\",\"message\":\"too many requests at once;"
            + " try again later\"}").getBytes(StandardCharsets.UTF_8);

    private final int max;
    private final ServiceMetrics metrics;
    private final AtomicInteger inFlight = new AtomicInteger();

    ConcurrencyLimit(int max, ServiceMetrics metrics) {
        this.max = max;
        this.metrics = metrics;
        metrics.callbacksInFlight(inFlight);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            metrics.rejected("overloaded");
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(BODY), callback);
            return true;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
        try {
            boolean handled = super.handle(request, response, Callback.from(callback, release));
            if (!handled) {
                release.run();
            }
            return handled;
        } catch (Throwable t) {
            release.run();
            throw t;
        }
    }
}
