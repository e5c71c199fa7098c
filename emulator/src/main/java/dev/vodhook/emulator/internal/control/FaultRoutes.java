package dev.vodhook.emulator.internal.control;

import com.fasterxml.jackson.core.JacksonException;
import dev.vodhook.emulator.Faults;
import dev.vodhook.emulator.internal.api.VodJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;

/**
 * Fault injection under {@code /_emulator/faults}: {@code POST} adds faults, {@code GET} shows those pending,
 * {@code DELETE} drops them. A POST body is one of
 * <pre>
 *   {"action": "ProcessMedia", "errorCode": "InternalError", "count": 2}
 *   {"action": "ProcessMedia", "delayMillis": 3000, "count": 1}
 *   {"push": "fail", "status": 503, "count": 2}
 *   {"push": "timeout" | "duplicate" | "vanish", "count": 1}
 *   {"push": "delay", "seconds": 30, "count": 1}   (or "delayMillis": 3000)
 *   {"push": "reorder", "count": 3}
 * </pre>
 * ({@code count} defaults to 1). A malformed body is HTTP 400 with {@code {"error": "..."}}.
 */
public final class FaultRoutes {

    public static final String PATH = InspectionRoutes.PREFIX + "/faults";

    private FaultRoutes() {
    }

    record FaultRequest(String action, String errorCode, Long delayMillis, String push, Integer status, Integer seconds,
                        Integer count) {
    }

    public static void register(RoutesConfig routes, Faults faults) {
        routes.get(PATH, ctx -> answer(ctx, 200, faults.pending()));
        routes.delete(PATH, ctx -> {
            faults.clear();
            answer(ctx, 200, faults.pending());
        });
        routes.post(PATH, ctx -> {
            try {
                add(faults, VodJson.INSPECTION.readValue(ctx.bodyAsBytes(), FaultRequest.class));
                answer(ctx, 200, faults.pending());
            } catch (JacksonException e) {
                answer(ctx, 400, Map.of("error", "the body is not a fault: " + e.getOriginalMessage()));
            } catch (IllegalArgumentException e) {
                answer(ctx, 400, Map.of("error", e.getMessage()));
            }
        });
    }

    private static void add(Faults faults, FaultRequest r) {
        if (r == null || (r.action() == null) == (r.push() == null)) {
            throw new IllegalArgumentException("give either \"action\" (with \"errorCode\" or \"delayMillis\") or"
                    + " \"push\"");
        }
        int count = r.count() == null ? 1 : r.count();
        if (r.action() != null) {
            if ((r.errorCode() == null) == (r.delayMillis() == null) || r.seconds() != null) {
                throw new IllegalArgumentException("\"action\" needs either \"errorCode\" or \"delayMillis\"");
            }
            if (r.delayMillis() != null) {
                faults.delayNextCalls(r.action(), delay(r), count);
            } else {
                faults.failNextCalls(r.action(), r.errorCode(), count);
            }
            return;
        }
        switch (r.push()) {
            case "fail" -> {
                if (r.status() == null) {
                    throw new IllegalArgumentException("\"push\": \"fail\" needs a \"status\"");
                }
                faults.failNextPushes(r.status(), count);
            }
            case "timeout" -> faults.timeOutNextPushes(count);
            case "duplicate" -> faults.duplicateNextPushes(count);
            case "vanish" -> faults.dropNextPushes(count);
            case "delay" -> faults.delayNextPushes(pushDelay(r), count);
            case "reorder" -> faults.reorderNextPushes(r.count() == null ? 2 : r.count());
            default -> throw new IllegalArgumentException("\"push\" must be fail, timeout, duplicate, vanish, delay or"
                    + " reorder, was \"" + r.push() + "\"");
        }
    }

    /** A push delay is given in {@code seconds} or in {@code delayMillis}, not both. */
    private static Duration pushDelay(FaultRequest r) {
        if ((r.seconds() == null) == (r.delayMillis() == null)) {
            throw new IllegalArgumentException("\"push\": \"delay\" needs either \"seconds\" or \"delayMillis\"");
        }
        if (r.seconds() != null) {
            if (r.seconds() < 1) {
                throw new IllegalArgumentException("\"seconds\" must be a positive number of seconds");
            }
            return Duration.ofSeconds(r.seconds());
        }
        return delay(r);
    }

    private static Duration delay(FaultRequest r) {
        if (r.delayMillis() == null || r.delayMillis() < 1) {
            throw new IllegalArgumentException("\"delayMillis\" must be a positive number of milliseconds");
        }
        return Duration.ofMillis(r.delayMillis());
    }

    private static void answer(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(VodJson.bytes(VodJson.INSPECTION, body));
    }
}
