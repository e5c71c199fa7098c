package dev.vodhook.service;

import dev.vodhook.service.notify.NotifyApi;
import dev.vodhook.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The receiver's route table, and the one place where failures become JSON error bodies. */
final class VodhookRoutes {
    private static final Logger log = LoggerFactory.getLogger(VodhookRoutes.class);

    private VodhookRoutes() {}

    static void register(RoutesConfig routes, CallbackIntake intake, OperatorApi api, NotifyApi notify) {
        routes.post("/callback", intake::untokened);
        routes.post("/callback/{token}", intake::tokened);
        routes.get("/api/media/{fileId}", api::media);
        routes.get("/api/events", api::events);
        routes.get("/api/events/{id}", api::event);
        routes.post("/api/events/replay", api::replayMatching);
        routes.post("/api/events/purge", api::purge);
        routes.post("/api/events/{id}/replay", api::replay);
        routes.get("/api/deliveries", notify::deliveries);
        routes.get("/api/deliveries/{id}", notify::delivery);
        routes.post("/api/deliveries/replay", notify::replayDead);
        routes.post("/api/deliveries/{id}/replay", notify::replay);
        routes.get("/api/media/{fileId}/notifications", notify::mediaNotifications);
        routes.get("/api/notify/endpoints", notify::endpoints);
        routes.post("/api/notify/endpoints/enable", notify::enable);
        routes.get("/healthz", api::health);
        routes.get("/metrics", api::metrics);

        routes.exception(HttpProblem.class, (e, ctx) -> {
            if (e instanceof Overloaded o) {
                ctx.header("Retry-After", String.valueOf(o.retryAfterSeconds()));
            }
            error(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                switch (e.getStatus()) {
                    case 404 -> "NotFound";
                    case 405 -> "MethodNotAllowed";
                    case 413 -> "PayloadTooLarge";
                    default -> "HttpError";
                }, e.getMessage()));
        routes.exception(StoreException.class, (e, ctx) -> {
            log.error("{} {} failed, the database is unavailable: {}; answered 503 so the caller retries",
                    ctx.method(), ctx.path(), e.getMessage(), e);
            ctx.header("Retry-After", "5");
            error(ctx, 503, "Unavailable", "the event store is unavailable; try again later");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed unexpectedly: {}; answered 500", ctx.method(), ctx.path(), e.toString(), e);
            error(ctx, 500, "InternalError", "internal error; see the receiver's log");
        });
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ApiJson.Error(code, message));
    }
}
