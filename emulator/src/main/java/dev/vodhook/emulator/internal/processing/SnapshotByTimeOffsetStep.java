package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaSnapshotByTimeOffsetItem;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.StoredObject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SnapshotByTimeOffset with template 10: one JPG at the source size per time in {@code ExtTimeOffsetSet}
 * ({@code "3.5s"}, {@code "50%"}), then per time in the deprecated {@code TimeOffsetSet} (milliseconds). Each
 * {@code PicInfoSet} entry reports its time in milliseconds; times past the end take the last frame.
 */
public final class SnapshotByTimeOffsetStep implements MediaStep {

    static final String SET = "SnapshotByTimeOffsetTaskSet";
    static final int MAX_SNAPSHOTS = 100;
    private static final Pattern EXT_OFFSET = Pattern.compile("(\\d+(?:\\.\\d+)?)(s|%)");

    private final MediaEngine engine;
    private final StepFiles files;
    private final Clock clock;

    public SnapshotByTimeOffsetStep(MediaEngine engine, StepFiles files, Clock clock) {
        this.engine = engine;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.SNAPSHOT_BY_TIME_OFFSET;
    }

    static SubTaskSpec spec(JsonNode element) {
        long definition = ProcessingPlan.definition(element, SET);
        ProcessingPlan.requireImageTemplate(definition, SET, "snapshot");
        ProcessingPlan.refuse(element, SET, List.of("WatermarkSet"));
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        ArrayNode ext = input.putArray("ExtTimeOffsetSet");
        for (JsonNode offset : ProcessingPlan.array(element, "ExtTimeOffsetSet")) {
            Matcher m = EXT_OFFSET.matcher(offset.isTextual() ? offset.asText() : "");
            if (!m.matches() || ("%".equals(m.group(2)) && Double.parseDouble(m.group(1)) > 100)) {
                throw LocalVodApiError.invalidValue(SET + ".ExtTimeOffsetSet",
                        "'" + offset.asText() + "' is neither a time like 3.5s nor a percentage up to 100%");
            }
            ext.add(offset.asText());
        }
        ArrayNode millis = input.putArray("TimeOffsetSet");
        for (JsonNode offset : ProcessingPlan.array(element, "TimeOffsetSet")) {
            if (!offset.isNumber() || offset.asDouble() < 0) {
                throw LocalVodApiError.invalidValue(SET + ".TimeOffsetSet", "times are milliseconds >= 0");
            }
            millis.add(offset.asDouble());
        }
        int count = ext.size() + millis.size();
        if (count == 0 || count > MAX_SNAPSHOTS) {
            throw LocalVodApiError.invalidValue(SET,
                    "name 1 to " + MAX_SNAPSHOTS + " times in ExtTimeOffsetSet or TimeOffsetSet");
        }
        input.putArray("WatermarkSet");
        return new SubTaskSpec(SubTaskSpec.SNAPSHOT_BY_TIME_OFFSET, definition, input);
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        Path source = files.original(media);
        double duration = media.metaData().duration();
        List<Double> times = millis(spec.input(), duration);
        String runId = files.runId(clock.instant());
        Path dir = files.scratch("snapshots-");
        try {
            List<MediaSnapshotByTimeOffsetItem.PicInfo> pictures = new ArrayList<>();
            for (int i = 0; i < times.size(); i++) {
                Path jpg = dir.resolve(i + ".jpg");
                engine.snapshot(source, times.get(i) / 1000, duration, jpg, priority);
                StoredObject stored = files.put(media, "snapshotByTime/" + runId + "_" + i + ".jpg", jpg);
                pictures.add(new MediaSnapshotByTimeOffsetItem.PicInfo(times.get(i), files.url(stored), List.of()));
            }
            MediaSnapshotByTimeOffsetItem item = new MediaSnapshotByTimeOffsetItem(spec.definition(),
                    List.copyOf(pictures));
            return new Result(item, m -> m.withDerived(d -> d.with(item), clock.instant()));
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /** Every requested time in milliseconds: ExtTimeOffsetSet first, percentages of {@code duration}. */
    static List<Double> millis(JsonNode input, double duration) {
        List<Double> times = new ArrayList<>();
        for (JsonNode offset : input.path("ExtTimeOffsetSet")) {
            Matcher m = EXT_OFFSET.matcher(offset.asText().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                double value = Double.parseDouble(m.group(1));
                times.add("%".equals(m.group(2)) ? duration * value * 10 : value * 1000);
            }
        }
        input.path("TimeOffsetSet").forEach(t -> times.add(t.asDouble()));
        return times;
    }
}
