package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Idempotency keys for events, which carry no id of their own (vod-protocol.md §3.2.2). Two deliveries
 * of the same logical event get the same key; two different events get different keys.
 */
public final class DedupeKeys {

    /** Fields that differ between deliveries of one event and so never take part in a key. */
    private static final Set<String> VOLATILE = Set.of("EventHandle", "Sign", "T", "sign", "t");
    private static final ObjectMapper CANONICAL = JsonMapper.builder().build();

    private DedupeKeys() {
    }

    public static String of(VodEvent event) {
        return event.eventType() + ":" + specific(event).orElseGet(() -> "body-" + sha256(canonical(event.body())));
    }

    /**
     * The key from the fields that name the event (its FileId, TaskId, Status, ...), without the type; empty when
     * it names itself by none of them and only a hash of its whole body tells it apart.
     */
    static Optional<String> specific(VodEvent event) {
        String type = event.eventType();
        JsonNode p = event.payload();
        String key = switch (type) {
            case "NewFileUpload" -> event.fileId().orElse(null);
            case "ProcedureStateChanged" -> event.taskId()
                    .map(id -> id + ":" + Json.textOr(p, "", "Status", "status") + ":" + subTaskDigest(p))
                    .orElse(null);
            case "FileDeleted" -> deletedDigest(p);
            default -> event.taskId().map(id -> id + ":" + Json.textOr(p, "", "Status", "status")).orElse(null);
        };
        return key == null || key.isEmpty() ? Optional.empty() : Optional.of(key);
    }

    /** Which sub-tasks are in which state: a Change-mode flow pushes one TaskId several times. */
    private static String subTaskDigest(JsonNode p) {
        List<String> parts = new ArrayList<>();
        JsonNode results = p.has("MediaProcessResultSet") ? p.path("MediaProcessResultSet") : p.path("processTaskList");
        for (JsonNode r : results) {
            String type = Json.textOr(r, "", "Type", "taskType");
            JsonNode task = ProcedureStateChange.subTask(r, type);
            parts.add(type + "/" + Json.textOr(task, "", "Status", "status")
                    + "/" + Json.longOr(Json.object(task, "Input", "input"), 0, "Definition", "definition"));
        }
        return sha256(String.join(",", parts)).substring(0, 16);
    }

    private static String deletedDigest(JsonNode p) {
        List<String> ids = new ArrayList<>();
        p.path("FileIdSet").forEach(n -> ids.add(n.asText()));
        ids.sort(null);
        TreeMap<String, String> parts = new TreeMap<>();
        for (JsonNode info : p.path("FileDeleteResultInfo")) {
            parts.put(Json.textOr(info, "", "FileId"), canonical(info.path("DeleteParts")));
        }
        if (ids.isEmpty() && parts.isEmpty()) {
            return null;
        }
        return String.join(",", ids) + ":" + sha256(parts.toString()).substring(0, 16);
    }

    private static String canonical(JsonNode node) {
        try {
            return CANONICAL.writeValueAsString(stripped(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serialises", e);
        }
    }

    /** A copy without nulls and volatile fields, so the fallback key ignores delivery details. */
    private static JsonNode stripped(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) {
                JsonNode value = node.get(name);
                if (!value.isNull() && !VOLATILE.contains(name)) {
                    copy.set(name, stripped(value));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            var copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> copy.add(stripped(n)));
            return copy;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
