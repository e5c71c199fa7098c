package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code MediaProcessTask} object into sub-task specs, checking every definition against the templates
 * the emulator has. Supported now: {@code TranscodeTaskSet} and {@code CoverBySnapshotTaskSet}; any other
 * non-empty set is refused with {@code UnsupportedOperation} rather than silently ignored.
 */
final class ProcessingPlan {

    private static final Set<String> NOT_YET = Set.of("AnimatedGraphicTaskSet", "SnapshotByTimeOffsetTaskSet",
            "SampleSnapshotTaskSet", "ImageSpriteTaskSet", "AdaptiveDynamicStreamingTaskSet");
    private static final Set<String> UNSUPPORTED_TRANSCODE_OPTIONS = Set.of("WatermarkSet", "MosaicSet",
            "HeadTailSet", "TraceWatermark", "CopyRightWatermark", "BlindWatermark", "SubtitleInfoSet",
            "OverrideParameter");

    private ProcessingPlan() {
    }

    static List<SubTaskSpec> parse(JsonNode mediaProcessTask) {
        if (mediaProcessTask == null || !mediaProcessTask.isObject()) {
            throw VodApiException.missing("MediaProcessTask");
        }
        for (String set : NOT_YET) {
            if (mediaProcessTask.path(set).size() > 0) {
                throw new VodApiException(VodApiException.UNSUPPORTED_OPERATION,
                        "MediaProcessTask." + set + " is not supported by the local VOD yet.");
            }
        }
        List<SubTaskSpec> specs = new ArrayList<>();
        for (JsonNode t : array(mediaProcessTask, "TranscodeTaskSet")) {
            specs.add(transcode(t));
        }
        for (JsonNode c : array(mediaProcessTask, "CoverBySnapshotTaskSet")) {
            specs.add(cover(c));
        }
        if (specs.isEmpty()) {
            throw VodApiException.invalidValue("MediaProcessTask", "it names no task to run");
        }
        return List.copyOf(specs);
    }

    private static SubTaskSpec transcode(JsonNode element) {
        long definition = definition(element, "TranscodeTaskSet");
        if (TranscodeTemplates.find(definition).isEmpty()) {
            throw VodApiException.invalidValue("TranscodeTaskSet.Definition",
                    "transcoding template " + definition + " does not exist");
        }
        for (String option : UNSUPPORTED_TRANSCODE_OPTIONS) {
            JsonNode value = element.path(option);
            if (!value.isMissingNode() && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                throw new VodApiException(VodApiException.UNSUPPORTED_OPERATION,
                        "TranscodeTaskSet." + option + " is not supported by the local VOD yet.");
            }
        }
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        input.putArray("WatermarkSet");
        input.putArray("MosaicSet");
        input.putArray("HeadTailSet");
        input.put("StartTimeOffset", 0.0);
        input.put("EndTimeOffset", 0.0);
        input.setAll((ObjectNode) element);
        return new SubTaskSpec(SubTaskSpec.TRANSCODE, definition, input);
    }

    private static SubTaskSpec cover(JsonNode element) {
        long definition = definition(element, "CoverBySnapshotTaskSet");
        if (definition != TranscodeTemplates.SNAPSHOT_DEFINITION) {
            throw VodApiException.invalidValue("CoverBySnapshotTaskSet.Definition",
                    "snapshot template " + definition + " does not exist");
        }
        String positionType = element.path("PositionType").asText("Time");
        if (!positionType.equals("Time") && !positionType.equals("Percent")) {
            throw VodApiException.invalidValue("CoverBySnapshotTaskSet.PositionType", "must be Time or Percent");
        }
        JsonNode value = element.path("PositionValue");
        if (!value.isMissingNode() && !value.isNull() && (!value.isNumber() || value.asDouble() < 0)) {
            throw VodApiException.invalidValue("CoverBySnapshotTaskSet.PositionValue", "must be a number >= 0");
        }
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        input.put("PositionType", positionType);
        input.put("PositionValue", value.asDouble(0));
        input.putArray("WatermarkSet");
        return new SubTaskSpec(SubTaskSpec.COVER_BY_SNAPSHOT, definition, input);
    }

    private static long definition(JsonNode element, String set) {
        if (!element.isObject()) {
            throw new VodApiException(VodApiException.INVALID_PARAMETER, set + " elements must be objects.");
        }
        JsonNode d = element.path("Definition");
        if (d.isMissingNode() || d.isNull()) {
            throw VodApiException.missing(set + ".Definition");
        }
        if (!d.canConvertToExactIntegral()) {
            throw new VodApiException(VodApiException.INVALID_PARAMETER, set + ".Definition must be an integer.");
        }
        return d.asLong();
    }

    private static Iterable<JsonNode> array(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new VodApiException(VodApiException.INVALID_PARAMETER, "MediaProcessTask." + name + " must be an array.");
        }
        return node;
    }
}
