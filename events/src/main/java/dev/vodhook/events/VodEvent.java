package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * One event notification as VOD sent it: its type, its format and the whole parsed body, unknown fields
 * included. Typed views ({@link FileUpload}, {@link ProcedureStateChange}) read from it on demand.
 */
public record VodEvent(String eventType, EventFormat format, JsonNode body) {

    /** EventTypes whose payload field is not simply {@code EventType + "Event"} (vod-protocol.md §3.4). */
    private static final Map<String, String[]> PAYLOAD_FIELDS = Map.of(
            "NewFileUpload", new String[] {"FileUploadEvent"},
            "ProcedureStateChanged", new String[] {"ProcedureStateChangeEvent"},
            "FileDeleted", new String[] {"FileDeleteEvent"},
            "EditMediaComplete", new String[] {"EditMediaCompleteEvent", "EditMediaComplete"},
            "RemoveWatermark", new String[] {"RemoveWatermarkCompleteEvent"},
            "CreateSnapshotByTimeOffsetComplete", new String[] {"SnapshotByTimeOffsetCompleteEvent"},
            "ExtractBlindWatermarkComplete", new String[] {"ExtractBlindWatermarkComplete",
                    "ExtractBlindWatermarkCompleteEvent"});

    /** The event's payload object ({@code FileUploadEvent}, {@code data}, ...); a missing node if there is none. */
    public JsonNode payload() {
        if (format == EventFormat.V2) {
            return Json.object(body, "data");
        }
        String[] names = PAYLOAD_FIELDS.getOrDefault(eventType, new String[] {eventType + "Event"});
        JsonNode found = Json.object(body, names);
        if (!found.isMissingNode()) {
            return found;
        }
        // an EventType we do not know yet: the one object-valued field is its payload
        JsonNode only = null;
        for (var it = body.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            if (field.getValue().isObject()) {
                if (only != null) {
                    return found;
                }
                only = field.getValue();
            }
        }
        return only == null ? found : only;
    }

    /** Present only on events taken by reliable callback (PullEvents). */
    public Optional<String> eventHandle() {
        return Json.text(body, "EventHandle").filter(h -> !h.isEmpty());
    }

    /** The FileId the event is about, if it names exactly one. */
    public Optional<String> fileId() {
        JsonNode p = payload();
        Optional<String> direct = Json.text(p, "FileId", "fileId").filter(s -> !s.isEmpty());
        if (direct.isPresent()) {
            return direct;
        }
        JsonNode output = Json.object(p, "Output", "output");
        Optional<String> produced = Json.text(output, "FileId", "fileId").filter(s -> !s.isEmpty());
        if (produced.isPresent()) {
            return produced;
        }
        JsonNode set = p.path("FileIdSet").isArray() ? p.path("FileIdSet") : p.path("fileIdSet");
        if (set.isArray() && set.size() == 1) {
            return Optional.of(set.get(0).asText());
        }
        return Optional.empty();
    }

    /** The VOD TaskId the event reports on, if any. */
    public Optional<String> taskId() {
        return Json.text(payload(), "TaskId", "vodTaskId", "taskId").filter(s -> !s.isEmpty());
    }
}
