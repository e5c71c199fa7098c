package dev.vodhook.emulator.internal.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.Emulator;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.events.EmittedEvent;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Event injection under {@code /_emulator/events}: {@code POST} an {@code EventContent} object (a push body, e.g.
 * vod-examples/callback-v3-*.json) or an array of them, and each is published as if the emulator had produced it:
 * pushed or queued for PullEvents by the application's event config, subject to its switches. {@code ?subAppId=}
 * picks the application (default: the configured one). Answers {@code {"published": n}}; a body that is not events
 * is HTTP 400 with {@code {"error": ...}} and publishes nothing. For tests and load generation of receivers.
 */
public final class EventRoutes {

    static final String PATH = InspectionRoutes.PREFIX + "/events";

    private EventRoutes() {
    }

    public static void register(RoutesConfig routes, Emulator emulator) {
        routes.post(PATH, ctx -> {
            try {
                long subAppId = subAppId(ctx, emulator.config().subAppId());
                List<EmittedEvent> events = events(VodJson.API.readTree(ctx.bodyAsBytes()), subAppId);
                events.forEach(emulator::publish);
                answer(ctx, 200, Map.of("published", events.size()));
            } catch (JacksonException e) {
                answer(ctx, 400, Map.of("error", "the body is not JSON: " + e.getOriginalMessage()));
            } catch (IllegalArgumentException e) {
                answer(ctx, 400, Map.of("error", e.getMessage()));
            }
        });
    }

    /** The events of a body: one EventContent object or an array of them, each with a non-empty EventType. */
    public static List<EmittedEvent> events(JsonNode body, long subAppId) {
        List<JsonNode> items = new ArrayList<>();
        if (body != null && body.isArray()) {
            body.forEach(items::add);
        } else {
            items.add(body);
        }
        List<EmittedEvent> events = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (item == null || !item.isObject() || !item.path("EventType").isTextual()
                    || item.path("EventType").asText().isBlank()) {
                throw new IllegalArgumentException("each event must be a JSON object with an \"EventType\"");
            }
            ObjectNode content = ((ObjectNode) item).deepCopy();
            content.remove("EventHandle");
            events.add(new EmittedEvent(subAppId, content.path("EventType").asText(), content));
        }
        return events;
    }

    private static long subAppId(Context ctx, long fallback) {
        String raw = ctx.queryParam("subAppId");
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("subAppId must be a number, was " + raw);
        }
    }

    private static void answer(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(VodJson.bytes(VodJson.INSPECTION, body));
    }
}
