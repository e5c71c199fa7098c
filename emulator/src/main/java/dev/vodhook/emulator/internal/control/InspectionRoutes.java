package dev.vodhook.emulator.internal.control;

import dev.vodhook.emulator.internal.Emulator;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.MediaInfo;
import dev.vodhook.emulator.internal.tasks.VodTask;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The emulator's own routes under {@code /_emulator/}: side-effect-free views of its state for tests and humans,
 * and a reset. Deliveries are plain JSON; media and tasks are shown in VOD's shapes (DescribeMediaInfos'
 * {@code MediaInfo}, DescribeTaskDetail's output).
 */
public final class InspectionRoutes {

    static final String PREFIX = "/_emulator";
    /** A NotificationUrl that takes every push with HTTP 200 (what it got is in the delivery journal). */
    public static final String CALLBACK = PREFIX + "/callback";

    private InspectionRoutes() {
    }

    public static void register(RoutesConfig routes, Emulator emulator) {
        routes.get(PREFIX + "/health", ctx -> inspection(ctx, Map.of("status", "UP")));
        routes.get(PREFIX + "/deliveries", ctx -> inspection(ctx, emulator.journal().all()));
        routes.get(PREFIX + "/calls", ctx -> inspection(ctx, emulator.calls().all()));
        routes.get(PREFIX + "/queue", ctx -> inspection(ctx, emulator.pullQueue().all()));
        routes.get(PREFIX + "/media", ctx -> vod(ctx, emulator.media().all().stream()
                .map(m -> MediaInfo.of(m, java.util.Set.of())).toList()));
        routes.get(PREFIX + "/tasks", ctx -> vod(ctx, emulator.tasks().all().stream().map(VodTask::detail).toList()));
        routes.post(CALLBACK, ctx -> inspection(ctx, Map.of()));
        routes.post(PREFIX + "/reset", ctx -> {
            emulator.reset();
            inspection(ctx, Map.of("reset", true));
        });
    }

    private static void inspection(Context ctx, Object body) {
        ctx.contentType("application/json").result(VodJson.bytes(VodJson.INSPECTION, body));
    }

    private static void vod(Context ctx, List<?> body) {
        ctx.contentType("application/json").result(VodJson.bytes(VodJson.API, body));
    }
}
