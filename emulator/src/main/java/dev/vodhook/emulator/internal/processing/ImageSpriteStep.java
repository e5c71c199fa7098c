package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaImageSpriteItem;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * ImageSprites with template 10: a 142x80 thumbnail every 10 s (at least one), tiled 10x10 into big JPGs, and a
 * WebVTT file whose cues point at each thumbnail with {@code #xywh=x,y,w,h}.
 */
public final class ImageSpriteStep implements MediaStep {

    static final String SET = "ImageSpriteTaskSet";
    static final int WIDTH = 142;
    static final int HEIGHT = 80;
    static final int COLUMNS = 10;
    static final int ROWS = 10;
    static final double INTERVAL_SECONDS = 10;

    private final MediaEngine engine;
    private final StepFiles files;
    private final Clock clock;

    public ImageSpriteStep(MediaEngine engine, StepFiles files, Clock clock) {
        this.engine = engine;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.IMAGE_SPRITES;
    }

    static SubTaskSpec spec(JsonNode element) {
        long definition = ProcessingPlan.definition(element, SET);
        ProcessingPlan.requireImageTemplate(definition, SET, "image sprite");
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        return new SubTaskSpec(SubTaskSpec.IMAGE_SPRITES, definition, input);
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        Path source = files.original(media);
        String runId = files.runId(clock.instant());
        Path dir = files.scratch("sprites-");
        try {
            Path thumbs = Files.createDirectories(dir.resolve("thumbs"));
            engine.run(ImageCommands.frames(source, INTERVAL_SECONDS, Integer.MAX_VALUE,
                    "scale=" + WIDTH + ":" + HEIGHT, thumbs.resolve("%d.jpg")), priority);
            int count = SampleSnapshotStep.numbered(thumbs).size();
            if (count == 0) {
                throw new dev.vodhook.ffmpeg.FfmpegException("ffmpeg made no thumbnail");
            }
            engine.run(ImageCommands.tile(thumbs.resolve("%d.jpg"), COLUMNS, ROWS, dir.resolve("%d.jpg")), priority);
            List<String> images = new ArrayList<>();
            for (Path jpg : SampleSnapshotStep.numbered(dir)) {
                String name = "imageSprite/" + runId + "_" + images.size() + ".100_0.jpg";
                images.add(files.url(files.put(media, name, jpg)));
            }
            Path vtt = dir.resolve("sprite.vtt");
            Files.writeString(vtt, webVtt(images, count, media.metaData().duration()), StandardCharsets.UTF_8);
            String vttUrl = files.url(files.put(media, "imageSprite/" + runId + ".vtt", vtt));
            MediaImageSpriteItem item = new MediaImageSpriteItem(spec.definition(), HEIGHT, WIDTH, count,
                    List.copyOf(images), vttUrl);
            return new Result(item, m -> m.withDerived(d -> d.with(item), clock.instant()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the sprites of " + media.fileId(), e);
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /**
     * One cue per thumbnail: thumbnail {@code i} shows {@code [10 i, 10 (i + 1))} seconds (the last one ends with the
     * media) and sits in big image {@code i / 100} at column {@code i % 10}, row {@code i / 10 % 10}.
     */
    static String webVtt(List<String> imageUrls, int count, double duration) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        int perImage = COLUMNS * ROWS;
        for (int i = 0; i < count; i++) {
            double start = i * INTERVAL_SECONDS;
            double end = i == count - 1 && duration > start ? duration : start + INTERVAL_SECONDS;
            int cell = i % perImage;
            vtt.append('\n').append(cueTime(start)).append(" --> ").append(cueTime(end)).append('\n')
                    .append(imageUrls.get(i / perImage)).append("#xywh=").append(cell % COLUMNS * WIDTH).append(',')
                    .append(cell / COLUMNS * HEIGHT).append(',').append(WIDTH).append(',').append(HEIGHT).append('\n');
        }
        return vtt.toString();
    }

    /** {@code hh:mm:ss.mmm}. */
    static String cueTime(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format(java.util.Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }
}
