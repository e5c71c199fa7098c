package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.api.VodJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a {@code MediaProcessTask} object into sub-task specs, in the order of VOD's model (transcodes, animated
 * images, time snapshots, sampled snapshots, sprites, covers, adaptive streaming), checking every definition against
 * the templates the emulator has. Options it cannot honour (watermarks, subtitles, ...) are refused with
 * {@code UnsupportedOperation} rather than silently ignored.
 */
public final class ProcessingPlan {

    /** Each task set and how one of its elements becomes a spec, in the order of VOD's MediaProcessTaskInput. */
    private static final Map<String, Function<JsonNode, SubTaskSpec>> SETS = sets();
    private static final Set<String> UNSUPPORTED_TRANSCODE_OPTIONS = Set.of("WatermarkSet", "MosaicSet",
            "HeadTailSet", "TraceWatermark", "CopyRightWatermark", "BlindWatermark", "SubtitleInfoSet",
            "OverrideParameter");

    private ProcessingPlan() {
    }

    public static List<SubTaskSpec> parse(JsonNode mediaProcessTask) {
        if (mediaProcessTask == null || !mediaProcessTask.isObject()) {
            throw LocalVodApiError.missing("MediaProcessTask");
        }
        List<SubTaskSpec> specs = new ArrayList<>();
        SETS.forEach((set, parse) -> array(mediaProcessTask, set).forEach(element -> specs.add(parse.apply(element))));
        if (specs.isEmpty()) {
            throw LocalVodApiError.invalidValue("MediaProcessTask", "it names no task to run");
        }
        return List.copyOf(specs);
    }

    private static Map<String, Function<JsonNode, SubTaskSpec>> sets() {
        Map<String, Function<JsonNode, SubTaskSpec>> sets = new LinkedHashMap<>();
        sets.put("TranscodeTaskSet", ProcessingPlan::transcode);
        sets.put(AnimatedGraphicsStep.SET, AnimatedGraphicsStep::spec);
        sets.put(SnapshotByTimeOffsetStep.SET, SnapshotByTimeOffsetStep::spec);
        sets.put(SampleSnapshotStep.SET, SampleSnapshotStep::spec);
        sets.put(ImageSpriteStep.SET, ImageSpriteStep::spec);
        sets.put("CoverBySnapshotTaskSet", ProcessingPlan::cover);
        sets.put(AdaptiveStreamingStep.SET, AdaptiveStreamingStep::spec);
        return java.util.Collections.unmodifiableMap(sets);
    }

    private static SubTaskSpec transcode(JsonNode element) {
        long definition = definition(element, "TranscodeTaskSet");
        if (TranscodeTemplates.find(definition).isEmpty()) {
            throw LocalVodApiError.invalidValue("TranscodeTaskSet.Definition",
                    "transcoding template " + definition + " does not exist");
        }
        refuse(element, "TranscodeTaskSet", UNSUPPORTED_TRANSCODE_OPTIONS);
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
        requireImageTemplate(definition, "CoverBySnapshotTaskSet", "snapshot");
        refuse(element, "CoverBySnapshotTaskSet", List.of("WatermarkSet"));
        String positionType = element.path("PositionType").asText("Time");
        if (!positionType.equals("Time") && !positionType.equals("Percent")) {
            throw LocalVodApiError.invalidValue("CoverBySnapshotTaskSet.PositionType", "must be Time or Percent");
        }
        JsonNode value = element.path("PositionValue");
        if (!value.isMissingNode() && !value.isNull() && (!value.isNumber() || value.asDouble() < 0)) {
            throw LocalVodApiError.invalidValue("CoverBySnapshotTaskSet.PositionValue", "must be a number >= 0");
        }
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        input.put("PositionType", positionType);
        input.put("PositionValue", value.asDouble(0));
        input.putArray("WatermarkSet");
        return new SubTaskSpec(SubTaskSpec.COVER_BY_SNAPSHOT, definition, input);
    }

    /** The element's {@code Definition}, which must be an integer. */
    static long definition(JsonNode element, String set) {
        if (!element.isObject()) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER, set + " elements must be objects.");
        }
        JsonNode d = element.path("Definition");
        if (d.isMissingNode() || d.isNull()) {
            throw LocalVodApiError.missing(set + ".Definition");
        }
        if (!d.canConvertToExactIntegral()) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER, set + ".Definition must be an integer.");
        }
        return d.asLong();
    }

    /** Fails with {@code UnsupportedOperation} when the element sets any of {@code options} (non-empty). */
    public static void refuse(JsonNode element, String set, Iterable<String> options) {
        for (String option : options) {
            JsonNode value = element.path(option);
            if (!value.isMissingNode() && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                        set + "." + option + " is not supported by the local VOD yet.");
            }
        }
    }

    /** The preset image template 10 is the only one the local VOD has for snapshots and sprites. */
    static void requireImageTemplate(long definition, String set, String kind) {
        if (definition != TranscodeTemplates.SNAPSHOT_DEFINITION) {
            throw LocalVodApiError.invalidValue(set + ".Definition", kind + " template " + definition
                    + " does not exist");
        }
    }

    /** A number field of an element; {@code fallback} when absent; must be {@code >= 0}. */
    public static double seconds(JsonNode element, String set, String field, double fallback) {
        JsonNode value = element.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.asDouble() < 0) {
            throw LocalVodApiError.invalidValue(set + "." + field, "must be a number >= 0");
        }
        return value.asDouble();
    }

    static Iterable<JsonNode> array(JsonNode parent, String name) {
        JsonNode node = parent.path(name);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER, "MediaProcessTask." + name
                    + " must be an array.");
        }
        return node;
    }
}
