package dev.vodhook.service.http;

import dev.vodhook.service.http.OperatorAccess.Need;
import dev.vodhook.service.intake.CallbackIntake;
import dev.vodhook.service.notify.NotifyApi;
import dev.vodhook.store.StoreException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver's route tables, one per listener, and the one place where failures become JSON error
 * bodies. The public listener has only the callback routes and {@code /healthz}; everything an operator
 * uses is on the admin listener, each route marked with what it needs ({@link OperatorAccess.Need}).
 * On a laptop one listener may serve both ({@link Listener#BOTH}).
 */
public final class VodhookRoutes {
    private static final Logger log = LoggerFactory.getLogger(VodhookRoutes.class);

    /** Which routes a listener serves. */
    public enum Listener {
        PUBLIC,
        ADMIN,
        BOTH
    }

    private VodhookRoutes() {}

    public static void register(RoutesConfig routes, Listener listener, CallbackIntake intake, OperatorApi api,
            NotifyApi notify, SetupProbes probes, OperatorAccess access) {
        if (listener != Listener.ADMIN) {
            routes.post("/callback", intake::untokened);
            routes.post("/callback/{token}", intake::tokened);
        }
        if (listener != Listener.PUBLIC) {
            routes.beforeMatched(access::check);
            routes.get("/api/media/{fileId}", api::media, Need.READ);
            routes.get("/api/events", api::events, Need.READ);
            routes.get("/api/events/{id}", api::event, Need.READ);
            routes.post("/api/events/replay", api::replayMatching, Need.WRITE);
            routes.post("/api/events/purge", api::purge, Need.WRITE);
            routes.post("/api/events/{id}/replay", api::replay, Need.WRITE);
            routes.get("/api/probes/{nonce}", probes::show, Need.READ);
            routes.get("/api/deliveries", notify::deliveries, Need.READ);
            routes.get("/api/deliveries/{id}", notify::delivery, Need.READ);
            routes.post("/api/deliveries/replay", notify::replayDead, Need.WRITE);
            routes.post("/api/deliveries/{id}/replay", notify::replay, Need.WRITE);
            routes.get("/api/media/{fileId}/notifications", notify::mediaNotifications, Need.READ);
            routes.get("/api/notify/endpoints", notify::endpoints, Need.READ);
            routes.post("/api/notify/endpoints/enable", notify::enable, Need.WRITE);
            routes.get("/metrics", api::metrics, Need.READ);
        }
        routes.get("/healthz", api::health);

        routes.exception(HttpProblem.class, (e, ctx) -> {
            if (e instanceof Overloaded o) {
                ctx.header("Retry-After", String.valueOf(o.retryAfterSeconds()));
            }
            error(ctx, e.status(), e.code(), e.getMessage());
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                switch (e.getStatus()) {
                    case 404 -> "NotFound";
                    case 400 -> "BadRequest";
                    case 405 -> "MethodNotAllowed";
                    case 413 -> "PayloadTooLarge";
                    default -> "HttpError";
                }, e.getMessage()));
        routes.exception(StoreException.class, (e, ctx) -> {
            log.error("{} {} failed, the database is unavailable: {}; answered 503 so the caller retries",
                    ctx.method(), logged(ctx), e.getMessage(), e);
            ctx.header("Retry-After", "5");
            error(ctx, 503, "Unavailable", "the event store is unavailable; try again later");
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (e instanceof org.eclipse.jetty.http.HttpException http && http.getCode() < 500) {
                // Jetty refusing the request itself, e.g. a body too slow (408)
                error(ctx, http.getCode(), "HttpError", http.getReason() == null ? "refused" : http.getReason());
                return;
            }
            if (clientWentAway(e)) {
                log.debug("{} {} from {}: the client went away before its request was read: {}", ctx.method(),
                        logged(ctx), ctx.ip(), e.toString());
                error(ctx, 400, "BadRequest", "the request could not be read to its end");
                return;
            }
            log.error("{} {} failed unexpectedly: {}; answered 500", ctx.method(), logged(ctx), e.toString(), e);
            error(ctx, 500, "InternalError", "internal error; see the receiver's log");
        });
    }

    /** The request's path for the log, without the callback token (a secret) when it is one. */
    static String logged(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/callback/") ? "/callback/<token>" : path;
    }

    /** Reading the request failed because its connection closed or broke (Jetty's EofException is an IOException). */
    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(new ApiJson.Error(code, message));
    }
}
