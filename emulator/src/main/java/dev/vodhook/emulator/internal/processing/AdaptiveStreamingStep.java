package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.AdaptiveDynamicStreamingItem;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MetaData;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.StoredObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * AdaptiveDynamicStreaming with template 10 (clear HLS): the sub-streams of {@link AdaptiveStreamingTemplate#HLS_10}
 * not larger than the source (at least one) in one ffmpeg run, stored as {@code adp.10.m3u8} with its sub-stream
 * playlists and segments beside it. Templates 12 (SimpleAES) and 20 (DASH) are refused.
 */
public final class AdaptiveStreamingStep implements MediaStep {

    static final String SET = "AdaptiveDynamicStreamingTaskSet";
    private static final List<String> UNSUPPORTED = List.of("WatermarkSet", "TraceWatermark", "CopyRightWatermark",
            "BlindWatermark", "SubtitleSet", "SubtitleInfoSet", "DrmInfo");
    private static final Pattern RESOLUTION = Pattern.compile("RESOLUTION=(\\d+)x(\\d+)");

    private final MediaEngine engine;
    private final StepFiles files;
    private final Clock clock;

    public AdaptiveStreamingStep(MediaEngine engine, StepFiles files, Clock clock) {
        this.engine = engine;
        this.files = files;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.ADAPTIVE_DYNAMIC_STREAMING;
    }

    static SubTaskSpec spec(JsonNode element) {
        long definition = ProcessingPlan.definition(element, SET);
        if (definition == 12 || definition == 20) {
            throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION, "Adaptive streaming template "
                    + definition
                    + " (SimpleAES HLS, DASH) is not supported by the local VOD yet; use 10.");
        }
        if (definition != AdaptiveStreamingTemplate.HLS_10.definition()) {
            throw LocalVodApiError.invalidValue(SET + ".Definition", "adaptive streaming template " + definition
                    + " does not exist");
        }
        ProcessingPlan.refuse(element, SET, UNSUPPORTED);
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("Definition", definition);
        input.putArray("WatermarkSet");
        input.putArray("SubtitleSet");
        return new SubTaskSpec(SubTaskSpec.ADAPTIVE_DYNAMIC_STREAMING, definition, input);
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        Path source = files.original(media);
        MetaData meta = media.metaData();
        if (meta.videoStreamSet().isEmpty()) {
            throw MediaStepException.invalidInput("the media has no video stream to stream adaptively");
        }
        AdaptiveStreamingTemplate template = AdaptiveStreamingTemplate.HLS_10;
        var streams = template.forSource(Math.min(meta.width(), meta.height()));
        Path dir = files.scratch("adaptive-");
        try {
            engine.run(AdaptiveStreamingCommand.args(source, template, streams, engine.h264Encoder(), engine.upscale(),
                    !meta.audioStreamSet().isEmpty(), dir), priority);
            Path master = dir.resolve(template.masterName());
            MediaEngine.requireOutput(master);
            List<int[]> sizes = resolutions(master);
            List<AdaptiveDynamicStreamingItem.SubStream> subStreams = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < streams.size(); i++) {
                long size = storeSubStream(media, dir, "adp." + template.definition() + "_" + i);
                total += size;
                int[] wh = i < sizes.size() ? sizes.get(i) : new int[] {0, 0};
                subStreams.add(new AdaptiveDynamicStreamingItem.SubStream("video", wh[0], wh[1], size));
            }
            StoredObject stored = files.put(media, template.masterName(), master);
            AdaptiveDynamicStreamingItem item = new AdaptiveDynamicStreamingItem(spec.definition(), "HLS", "",
                    files.url(stored), total + stored.size(), "None", List.copyOf(subStreams));
            return new Result(item, m -> m.withDerived(d -> d.with(item), clock.instant()));
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /** Stores the segments of one sub-stream, then its playlist; answers their total size. */
    private long storeSubStream(Media media, Path dir, String playlistBase) {
        List<Path> segments;
        try (Stream<Path> found = Files.list(dir)) {
            segments = found.filter(f -> f.getFileName().toString().matches(Pattern.quote(playlistBase) + "_\\d+\\.ts"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
        long size = 0;
        for (Path segment : segments) {
            size += files.put(media, segment.getFileName().toString(), segment).size();
        }
        Path playlist = dir.resolve(playlistBase + ".m3u8");
        MediaEngine.requireOutput(playlist);
        return size + files.put(media, playlist.getFileName().toString(), playlist).size();
    }

    /** The {@code RESOLUTION=WxH} of each sub-stream in the master playlist, in order. */
    static List<int[]> resolutions(Path master) {
        try {
            Matcher m = RESOLUTION.matcher(Files.readString(master));
            List<int[]> sizes = new ArrayList<>();
            while (m.find()) {
                sizes.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
            }
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + master, e);
        }
    }
}
