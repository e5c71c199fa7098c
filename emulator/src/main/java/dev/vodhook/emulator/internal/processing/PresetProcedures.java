package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.VodJson;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in (preset) task flow templates, as data; {@link ProcedureTemplateRepository} adds each application's
 * own.
 */
final class PresetProcedures {

    /** {@code LongVideoPreset}: MP4 transcodes 100010 and 100020 and a cover snapshot (template 10) at 0 s. */
    static final Procedure LONG_VIDEO_PRESET = new Procedure("LongVideoPreset", json("""
            {"TranscodeTaskSet":[{"Definition":100010},{"Definition":100020}],
             "CoverBySnapshotTaskSet":[{"Definition":10,"PositionType":"Time","PositionValue":0}]}
            """));

    private static final Map<String, Procedure> BUILT_IN = Map.of(LONG_VIDEO_PRESET.name(), LONG_VIDEO_PRESET);

    private PresetProcedures() {
    }

    /** The built-in templates by name. */
    static java.util.List<Procedure> all() {
        return BUILT_IN.values().stream().sorted(java.util.Comparator.comparing(Procedure::name)).toList();
    }

    static Optional<Procedure> find(String name) {
        return Optional.ofNullable(name).map(BUILT_IN::get);
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) VodJson.API.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("built-in procedure is not valid JSON", e);
        }
    }
}
