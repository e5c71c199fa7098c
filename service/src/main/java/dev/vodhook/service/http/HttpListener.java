package dev.vodhook.service.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vodhook.events.EventParser;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.intake.CallbackIntake;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JavalinJackson;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One HTTP listener of the receiver (Javalin on Jetty, virtual threads) with the limits of {@link HttpLimits}:
 * header size, connection idle timeout, body size, and for the public listener a bound on the requests in
 * hand at once (the callbacks' read timeout is {@link CallbackIntake}'s). Jetty's minimum data rate is not
 * used: it counts from the first read, so a small body whose handler is descheduled for a few milliseconds
 * between two reads would fail it. Jetty's own answers (bad HTTP, headers too large) are JSON too.
 */
public final class HttpListener {
    private HttpListener() {}

    /**
     * @param maxConcurrent when present, at most this many requests at once (503 with Retry-After beyond)
     */
    public static Javalin create(String host, int port, HttpLimits limits, long maxBodyBytes, OptionalInt maxConcurrent,
            ServiceMetrics metrics, Consumer<RoutesConfig> routes) {
        return Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = maxBodyBytes;
            c.http.compressionStrategy = CompressionStrategy.NONE; // small JSON answers; saves a wrapper per request
            c.jsonMapper(new JavalinJackson(jsonMapper(), true));
            c.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(limits.maxHeaderBytes());
                http.setSendServerVersion(false);
            });
            c.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(limits.idleTimeout().toMillis());
                return connector;
            });
            c.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                maxConcurrent.ifPresent(max -> server.insertHandler(new ConcurrencyLimit(max, metrics)));
            });
            routes.accept(c.routes);
        });
    }

    /** Writes the API's answers; reads (bodyAsClass) only within the limits an event may have. */
    private static JsonMapper jsonMapper() {
        return JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(EventParser.MAX_DEPTH)
                        .maxStringLength(EventParser.MAX_BYTES).build())
                .build()).build();
    }
}
