package dev.vodhook.emulator;

import com.fasterxml.jackson.core.JacksonException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Fault injection under {@code /_emulator/faults}: {@code POST} adds faults, {@code GET} shows those pending,
 * {@code DELETE} drops them. A POST body is one of
 * <pre>
 *   {"action": "ProcessMedia", "errorCode": "InternalError", "count": 2}
 *   {"push": "fail", "status": 503, "count": 2}
 *   {"push": "timeout" | "duplicate" | "vanish", "count": 1}
 *   {"push": "delay", "seconds": 30, "count": 1}
 *   {"push": "reorder", "count": 3}
 * </pre>
 * ({@code count} defaults to 1). A malformed body is HTTP 400 with {@code {"error": "..."}}.
 */
final class FaultRoutes {

    static final String PATH = InspectionRoutes.PREFIX + "/faults";

    private FaultRoutes() {
    }

    record FaultRequest(String action, String errorCode, String push, Integer status, Integer seconds, Integer count) {
    }

    static void register(RoutesConfig routes, Faults faults) {
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
            throw new IllegalArgumentException("give either \"action\" (with \"errorCode\") or \"push\"");
        }
        int count = r.count() == null ? 1 : r.count();
        if (r.action() != null) {
            faults.failNextCalls(r.action(), r.errorCode(), count);
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
            case "delay" -> {
                if (r.seconds() == null) {
                    throw new IllegalArgumentException("\"push\": \"delay\" needs \"seconds\"");
                }
                faults.delayNextPushes(java.time.Duration.ofSeconds(r.seconds()), count);
            }
            case "reorder" -> faults.reorderNextPushes(r.count() == null ? 2 : r.count());
            default -> throw new IllegalArgumentException("\"push\" must be fail, timeout, duplicate, vanish, delay or"
                    + " reorder, was \"" + r.push() + "\"");
        }
    }

    private static void answer(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(VodJson.bytes(VodJson.INSPECTION, body));
    }
}
