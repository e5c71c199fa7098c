package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaSampleSnapshotItem;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * SampleSnapshot with template 10: a JPG at the source size every 10 % of the media (0 %, 10 % ... 90 %), in one
 * ffmpeg run; {@code SampleType Percent}, {@code Interval 10}.
 */
public final class SampleSnapshotStep implements MediaStep {

    static final String SET = "SampleSnapshotTaskSet";
    static final int PERCENT_INTERVAL = 10;

    private final MediaEngine engine;
    private final StepFiles files;
    private final Clock clock;

    public SampleSnapshotStep(MediaEngine engine, StepFiles files, Clock clock) {
        this.engine = engine;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.SAMPLE_SNAPSHOT;
    }

    static SubTaskSpec spec(JsonNode element) {
        long definition = ProcessingPlan.definition(element, SET);
        ProcessingPlan.requireImageTemplate(definition, SET, "sampled snapshot");
        ProcessingPlan.refuse(element, SET, List.of("WatermarkSet"));
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        input.putArray("WatermarkSet");
        return new SubTaskSpec(SubTaskSpec.SAMPLE_SNAPSHOT, definition, input);
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        Path source = files.original(media);
        double duration = media.metaData().duration();
        int count = 100 / PERCENT_INTERVAL;
        double every = duration > 0 ? duration / count : 1;
        String runId = files.runId(clock.instant());
        Path dir = files.scratch("samples-");
        try {
            engine.run(ImageCommands.frames(source, every, count, "", dir.resolve("%d.jpg")), priority);
            List<String> urls = new ArrayList<>();
            for (Path jpg : numbered(dir)) {
                urls.add(files.url(files.put(media, "sampleSnapshot/" + runId + "_" + urls.size() + ".jpg", jpg)));
            }
            if (urls.isEmpty()) {
                throw new dev.vodhook.ffmpeg.FfmpegException("ffmpeg found no frame to sample");
            }
            MediaSampleSnapshotItem item = new MediaSampleSnapshotItem(spec.definition(), "Percent", PERCENT_INTERVAL,
                    List.copyOf(urls), List.of());
            return new Result(item, m -> m.withDerived(d -> d.with(item), clock.instant()));
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /** The files {@code 1.jpg, 2.jpg ...} in {@code dir}, in number order. */
    static List<Path> numbered(Path dir) {
        try (Stream<Path> found = Files.list(dir)) {
            return found.filter(p -> p.getFileName().toString().matches("\\d+\\.jpg"))
                    .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(
                            p.getFileName().toString().replace(".jpg", ""))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }
}
