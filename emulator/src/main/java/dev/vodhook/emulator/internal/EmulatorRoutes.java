package dev.vodhook.emulator.internal;

import dev.vodhook.emulator.internal.api.ApiDispatcher;
import dev.vodhook.emulator.internal.control.EventRoutes;
import dev.vodhook.emulator.internal.control.FaultRoutes;
import dev.vodhook.emulator.internal.control.InspectionRoutes;
import dev.vodhook.emulator.internal.storage.CosException;
import dev.vodhook.emulator.internal.storage.CosTarget;
import dev.vodhook.emulator.internal.storage.RequestRouter;
import io.javalin.config.JavalinConfig;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HandlerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole route table of the local VOD, in one place (tests start real servers with it); which action class
 * answers which {@code X-TC-Action} is listed in {@link Emulator}'s {@code apiActions()}:
 * <pre>
 *   POST /                      signed VOD API, dispatched on X-TC-Action (COS Host: storage instead)
 *   GET  /_emulator/health      {"status":"UP"}
 *   GET  /_emulator/deliveries  push deliveries with every attempt
 *   GET  /_emulator/calls       the latest API calls: action, arrival time, RequestId, error code
 *   GET  /_emulator/queue       events waiting in PULL queues (unconfirmed)
 *   GET  /_emulator/media       every media (VOD MediaInfo shape)
 *   GET  /_emulator/tasks       every task (DescribeTaskDetail shape)
 *   POST /_emulator/callback    a push target answering 200 to everything
 *   POST /_emulator/reset       forget all state and stored files
 *   *    /_emulator/faults      POST: fail or delay the next N calls of an action or push attempts; GET: pending;
 *                               DELETE
 *   POST /_emulator/events      publish events (EventContent objects) as if produced: pushed or queued
 *   *    /cos/{bucket}/{key}    COS-style storage, direct
 *   *    /{key}                 COS-style storage when Host is *.myqcloud.com (proxy mode); else GET/HEAD of
 *                               stored objects (output URLs)
 * </pre>
 */
public final class EmulatorRoutes {

    /** The largest API request body read (storage uploads are streamed and not limited by this). */
    static final long MAX_API_BODY_BYTES = 10L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EmulatorRoutes.class);

    private EmulatorRoutes() {
    }

    public static void configure(JavalinConfig config, Emulator emulator) {
        config.startup.showJavalinBanner = false;
        config.concurrency.useVirtualThreads = true;
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.http.maxRequestSize = MAX_API_BODY_BYTES;
        config.jetty.modifyServer(server -> server.setErrorHandler(new PlainErrorHandler()));
        config.requestLogger.http((ctx, millis) -> log.debug("{} {} (Host {}) -> {} in {} ms", ctx.method(),
                ctx.path(), ctx.header("Host"), ctx.statusCode(), millis.longValue()));
        ApiDispatcher api = emulator.apiDispatcher();
        RequestRouter router = emulator.requestRouter();
        config.routes.post("/", ctx -> {
            if (CosTarget.isCosHost(ctx)) {
                router.handle(ctx);
            } else {
                api.handle(ctx);
            }
        });
        InspectionRoutes.register(config.routes, emulator);
        FaultRoutes.register(config.routes, emulator.faults());
        EventRoutes.register(config.routes, emulator);
        config.routes.exception(CosException.class, (e, ctx) ->
                ctx.status(e.status()).contentType("text/plain").result(e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed inside the emulator; answering 500", ctx.method(), ctx.path(), e);
            ctx.status(500).contentType("text/plain").result("internal error in the local VOD: " + e);
        });
        for (HandlerType method : new HandlerType[] {HandlerType.GET, HandlerType.HEAD, HandlerType.PUT,
                HandlerType.POST, HandlerType.DELETE}) {
            config.routes.addHttpHandler(method, "/<path>", router);
        }
    }
}
