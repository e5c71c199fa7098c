package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaAnimatedGraphicsItem;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.StoredObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * AnimatedGraphics with template 20000 (GIF) or 20001 (WebP): the source size, 2 frames a second, from
 * {@code StartTimeOffset} to {@code EndTimeOffset} (cut at the media's end), stored as {@code v.f<Definition>.gif}.
 * A range that starts after the end fails the sub-task with ErrCode 40000.
 */
public final class AnimatedGraphicsStep implements MediaStep {

    static final String SET = "AnimatedGraphicTaskSet";
    static final int FPS = 2;
    /** Definition to container. */
    static final Map<Long, String> TEMPLATES = Map.of(20000L, "gif", 20001L, "webp");

    private final MediaEngine engine;
    private final StepFiles files;
    private final Clock clock;

    public AnimatedGraphicsStep(MediaEngine engine, StepFiles files, Clock clock) {
        this.engine = engine;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.ANIMATED_GRAPHICS;
    }

    static SubTaskSpec spec(JsonNode element) {
        long definition = ProcessingPlan.definition(element, SET);
        if (!TEMPLATES.containsKey(definition)) {
            throw LocalVodApiError.invalidValue(SET + ".Definition", "animated image template " + definition
                    + " does not exist (20000 GIF, 20001 WebP)");
        }
        for (String field : new String[] {"StartTimeOffset", "EndTimeOffset"}) {
            if (element.path(field).isMissingNode() || element.path(field).isNull()) {
                throw LocalVodApiError.missing(SET + "." + field);
            }
        }
        double start = ProcessingPlan.seconds(element, SET, "StartTimeOffset", 0);
        double end = ProcessingPlan.seconds(element, SET, "EndTimeOffset", 0);
        if (end <= start) {
            throw LocalVodApiError.invalidValue(SET + ".EndTimeOffset", "must be after StartTimeOffset");
        }
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        input.put("StartTimeOffset", start);
        input.put("EndTimeOffset", end);
        return new SubTaskSpec(SubTaskSpec.ANIMATED_GRAPHICS, definition, input);
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        Path source = files.original(media);
        double duration = media.metaData().duration();
        double start = spec.input().path("StartTimeOffset").asDouble();
        double end = duration > 0 ? Math.min(spec.input().path("EndTimeOffset").asDouble(), duration)
                : spec.input().path("EndTimeOffset").asDouble();
        if (end <= start) {
            throw MediaStepException.invalidInput("StartTimeOffset " + start + " s is not before the end of the media ("
                    + duration + " s)");
        }
        String container = TEMPLATES.get(spec.definition());
        Path dir = files.scratch("animated-");
        try {
            Path output = dir.resolve("animated." + container);
            engine.run("gif".equals(container) ? ImageCommands.gif(source, start, end - start, FPS, output)
                    : ImageCommands.webp(source, start, end - start, FPS, output), priority);
            MediaEngine.requireOutput(output);
            StoredObject stored = files.put(media, "v.f" + spec.definition() + "." + container, output);
            MediaAnimatedGraphicsItem item = new MediaAnimatedGraphicsItem(files.url(stored), spec.definition(),
                    container, media.metaData().height(), media.metaData().width(),
                    Math.round(stored.size() * 8 / (end - start)), stored.size(), stored.md5(), start, end);
            return new Result(item, m -> m.withDerived(d -> d.with(item), clock.instant()));
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }
}
