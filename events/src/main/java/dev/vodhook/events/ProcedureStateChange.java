package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A {@code ProcedureStateChanged} event: a task flow changed state, with one result per sub-task.
 * Read from the 3.0 format and, where the mapping is clear, from the legacy 2.0 format.
 *
 * @param errCode flow-level error code (deprecated by VOD but still sent); 0 when the flow ran
 */
public record ProcedureStateChange(String taskId, String status, long errCode, String message, String fileId,
                                   String fileName, String sessionId, String sessionContext,
                                   List<SubTaskResult> results) {

    /** {@code MediaProcessResultSet[].Type} to the field holding that sub-task (singular and plural differ). */
    private static final Map<String, String> SUB_TASK_FIELDS = Map.of(
            "Transcode", "TranscodeTask",
            "AnimatedGraphics", "AnimatedGraphicTask",
            "SnapshotByTimeOffset", "SnapshotByTimeOffsetTask",
            "SampleSnapshot", "SampleSnapshotTask",
            "ImageSprites", "ImageSpriteTask",
            "CoverBySnapshot", "CoverBySnapshotTask",
            "AdaptiveDynamicStreaming", "AdaptiveDynamicStreamingTask");

    public boolean finished() {
        return "FINISH".equalsIgnoreCase(status);
    }

    /** Stopped before its end; DescribeTaskDetail reports it, events normally do not. */
    public boolean aborted() {
        return "ABORTED".equalsIgnoreCase(status);
    }

    public static ProcedureStateChange from(VodEvent event) {
        if (!"ProcedureStateChanged".equals(event.eventType())) {
            throw new MalformedEventException("expected a ProcedureStateChanged event, got " + event.eventType());
        }
        JsonNode p = event.payload();
        String taskId = event.taskId().orElseThrow(() ->
                new MalformedEventException("ProcedureStateChanged without a TaskId"));
        boolean legacy = event.format() == EventFormat.V2;
        List<SubTaskResult> results = new ArrayList<>();
        for (JsonNode r : legacy ? p.path("processTaskList") : p.path("MediaProcessResultSet")) {
            results.add(legacy ? legacyResult(r) : result(r));
        }
        return new ProcedureStateChange(taskId,
                Json.textOr(p, "", "Status", "status"),
                Json.longOr(p, 0, "ErrCode", "errCode"),
                Json.textOr(p, "", "Message", "message"),
                event.fileId().orElse(""),
                Json.textOr(p, "", "FileName", "fileName"),
                Json.textOr(p, "", "SessionId", "sessionId"),
                Json.textOr(p, "", "SessionContext", "sessionContext"),
                List.copyOf(results));
    }

    /** The sub-task object of one {@code MediaProcessResultSet} entry. */
    static JsonNode subTask(JsonNode result, String type) {
        String field = SUB_TASK_FIELDS.getOrDefault(type, type + "Task");
        JsonNode task = Json.object(result, field);
        if (!task.isMissingNode() || result.has("taskType")) {
            return task.isMissingNode() ? result : task;
        }
        // a sub-task type we do not know yet: its one object-valued field
        for (var it = result.properties().iterator(); it.hasNext(); ) {
            var f = it.next();
            if (f.getValue().isObject()) {
                return f.getValue();
            }
        }
        return task;
    }

    private static SubTaskResult result(JsonNode r) {
        String type = Json.textOr(r, "", "Type");
        JsonNode task = subTask(r, type);
        JsonNode input = Json.object(task, "Input");
        JsonNode output = Json.object(task, "Output");
        OptionalInt definition = input.has("Definition") || output.has("Definition")
                ? OptionalInt.of((int) Json.longOr(input, Json.longOr(output, 0, "Definition"), "Definition"))
                : OptionalInt.empty();
        return new SubTaskResult(type, Json.textOr(task, "", "Status"), Json.longOr(task, 0, "ErrCode"),
                Json.textOr(task, "", "ErrCodeExt"), Json.textOr(task, "", "Message"),
                (int) Json.longOr(task, 0, "Progress"), definition,
                outputs(type, definition.orElse(0), output));
    }

    private static List<MediaOutput> outputs(String type, int definition, JsonNode o) {
        if (o.isMissingNode()) {
            return List.of();
        }
        List<MediaOutput> out = new ArrayList<>();
        switch (type) {
            case "CoverBySnapshot" -> Json.text(o, "CoverUrl").ifPresent(url -> out.add(bare(type, definition, url)));
            case "SnapshotByTimeOffset" -> o.path("PicInfoSet").forEach(pic ->
                    Json.text(pic, "Url").ifPresent(url -> out.add(bare(type, definition, url))));
            case "SampleSnapshot" -> o.path("ImageUrlSet").forEach(u -> out.add(bare(type, definition, u.asText())));
            case "ImageSprites" -> {
                int w = (int) Json.longOr(o, 0, "Width");
                int h = (int) Json.longOr(o, 0, "Height");
                o.path("ImageUrlSet").forEach(u ->
                        out.add(new MediaOutput(type, definition, u.asText(), 0, w, h, 0, 0, "jpg")));
                Json.text(o, "WebVttUrl").filter(u -> !u.isEmpty()).ifPresent(url -> out.add(new MediaOutput(type,
                        definition, url, 0, 0, 0, 0, 0, "vtt")));
            }
            default -> Json.text(o, "Url").ifPresent(url -> out.add(new MediaOutput(type, definition, url,
                    Json.longOr(o, 0, "Size"), (int) Json.longOr(o, 0, "Width"), (int) Json.longOr(o, 0, "Height"),
                    Json.longOr(o, 0, "Bitrate"), Json.doubleOr(o, 0, "Duration"),
                    Json.textOr(o, Json.textOr(o, "", "Package"), "Container"))));
        }
        return List.copyOf(out);
    }

    private static MediaOutput bare(String type, int definition, String url) {
        return new MediaOutput(type, definition, url, 0, 0, 0, 0, 0, "");
    }

    /**
     * The 2.0 docs say kbps, but their own samples (and vod-examples) carry bps-sized values such as 465000.
     * Values below 100,000 are read as kbps (100 Mbit/s and up is not a real VOD output), larger ones as bps.
     */
    static long legacyBitrate(long value) {
        return value < 100_000 ? value * 1000 : value;
    }

    /** A 2.0 {@code processTaskList} entry: camelCase keys, bitrates in kbps. */
    private static SubTaskResult legacyResult(JsonNode r) {
        String type = Json.textOr(r, "", "taskType");
        JsonNode input = Json.object(r, "input");
        JsonNode o = Json.object(r, "output");
        OptionalInt definition = input.has("definition") ? OptionalInt.of((int) Json.longOr(input, 0, "definition"))
                : OptionalInt.empty();
        List<MediaOutput> outputs = Json.text(o, "url")
                .map(url -> List.of(new MediaOutput(type, definition.orElse(0), url, Json.longOr(o, 0, "size"),
                        (int) Json.longOr(o, 0, "width"), (int) Json.longOr(o, 0, "height"),
                        legacyBitrate(Json.longOr(o, 0, "bitrate")), Json.doubleOr(o, 0, "duration"), Json.textOr(o, "",
                                "container"))))
                .orElse(List.of());
        return new SubTaskResult(type, Json.textOr(r, "", "status"), Json.longOr(r, 0, "errCode"), "",
                Json.textOr(r, "", "message"), 0, definition, outputs);
    }
}
