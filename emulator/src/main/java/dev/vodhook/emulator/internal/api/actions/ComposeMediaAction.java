package dev.vodhook.emulator.internal.api.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaBasicInfo;
import dev.vodhook.emulator.internal.media.MediaComposer;
import dev.vodhook.emulator.internal.media.MediaCreator;
import dev.vodhook.emulator.internal.media.MediaRepository;
import dev.vodhook.emulator.internal.media.MetaData;
import dev.vodhook.emulator.internal.processing.ConcatCommand;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.processing.ProcessingPlan;
import dev.vodhook.emulator.internal.tasks.ComposeMediaTask;
import dev.vodhook.emulator.internal.tasks.SingleTaskRunner;
import dev.vodhook.emulator.internal.tasks.TaskState;
import dev.vodhook.emulator.internal.tasks.UsedSessionIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ComposeMedia, the simple composition: one {@code Video} track of VideoItems and EmptyItems (pictures with their
 * sound, one after the other) and at most one {@code Audio} track of AudioItems and EmptyItems mixed under them,
 * on a {@code Canvas} (0 = the first video's size; {@code Black} or {@code White}), into a new MP4 media named
 * {@code Output.FileName}; {@code ComposeMediaComplete} and DescribeTaskDetail ({@code TaskType ComposeMedia}) report
 * it. Sources are FileIds. Stickers, transitions, overlays (more tracks of a type), item positions and operations,
 * MP3 output and stream settings are refused ({@code UnsupportedOperation}).
 */
public final class ComposeMediaAction implements ApiAction {

    static final int MAX_CANVAS = 4096;
    private static final Map<String, String> COLORS = Map.of("Black", "black", "White", "white");
    private static final List<String> UNSUPPORTED_ITEM_OPTIONS = List.of("TargetDuration", "CoordinateOrigin", "XPos",
            "YPos", "Width", "Height", "AudioOperations", "ImageOperations");

    private final MediaRepository media;
    private final UsedSessionIds sessionIds;
    private final IdSource ids;
    private final SingleTaskRunner runner;
    private final MediaComposer composer;

    public ComposeMediaAction(MediaRepository media, UsedSessionIds sessionIds, IdSource ids, SingleTaskRunner runner,
                       MediaComposer composer) {
        this.media = media;
        this.sessionIds = sessionIds;
        this.ids = ids;
        this.runner = runner;
        this.composer = composer;
    }

    record Output(String fileName, String description, Long classId, String expireTime, String container,
                  JsonNode videoStream, JsonNode audioStream, Long removeVideo, Long removeAudio) {
    }

    record Canvas(String color, Long width, Long height) {
    }

    record Request(JsonNode tracks, Output output, Canvas canvas, String sessionContext, String sessionId) {
    }

    record Response(String taskId) {
    }

    /** The two tracks as timelines. */
    private record Timelines(List<MediaComposer.Item> pictures, List<MediaComposer.Item> sound) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Timelines timelines = timelines(r.tracks(), request.subAppId());
        Output out = r.output() == null ? new Output(null, null, null, null, null, null, null, null, null) : r.output();
        MediaCreator.Original original = original(out, request.subAppId());
        Canvas canvas = r.canvas() == null ? new Canvas(null, null, null) : r.canvas();
        String color = canvas.color() == null || canvas.color().isEmpty() ? "Black" : canvas.color();
        Param.oneOf(color, COLORS.keySet(), "Canvas.Color");
        long width = size(canvas.width(), "Canvas.Width");
        long height = size(canvas.height(), "Canvas.Height");
        String sessionContext = Param.sessionContext(r.sessionContext());
        String sessionId = Param.sessionId(r.sessionId());
        sessionIds.claimOrRefuse(request.action(), request.subAppId(), sessionId, "nothing was composed");
        boolean withAudio = out.removeAudio() == null || out.removeAudio() == 0;
        ComposeMediaTask task = new ComposeMediaTask(ids.taskId(request.subAppId(), "ComposeMedia", "t0"),
                request.subAppId(), TaskState.waiting(request.now()), input(request.body(), color, width, height),
                Optional.empty(), sessionId, sessionContext);
        runner.start(task, t -> t.withMedia(composer.compose(t.subAppId(), timelines.pictures(), timelines.sound(),
                used -> canvas(used, width, height, COLORS.get(color)), withAudio, original, 0)));
        return new Response(task.taskId());
    }

    private Timelines timelines(JsonNode tracks, long subAppId) {
        if (tracks == null || !tracks.isArray() || tracks.isEmpty()) {
            throw LocalVodApiError.missing("Tracks");
        }
        List<MediaComposer.Item> pictures = null;
        List<MediaComposer.Item> sound = List.of();
        for (JsonNode track : tracks) {
            String type = track.path("Type").asText("");
            switch (type) {
                case "Video" -> {
                    if (pictures != null) {
                        throw unsupported("more than one Video track (overlays)");
                    }
                    pictures = items(track, "Video", "VideoItem", subAppId);
                }
                case "Audio" -> {
                    if (!sound.isEmpty()) {
                        throw unsupported("more than one Audio track");
                    }
                    sound = items(track, "Audio", "AudioItem", subAppId);
                }
                case "Sticker" -> throw unsupported("Sticker tracks");
                default -> throw LocalVodApiError.invalidValue("Tracks.Type",
                        "'" + type + "' is not Video, Audio or Sticker");
            }
        }
        if (pictures == null || pictures.stream().noneMatch(MediaComposer.Cut.class::isInstance)) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER,
                    "The local VOD composes a Video track with at least one VideoItem.");
        }
        return new Timelines(pictures, sound);
    }

    private List<MediaComposer.Item> items(JsonNode track, String mediaType, String itemField, long subAppId) {
        JsonNode items = track.path("TrackItems");
        if (!items.isArray() || items.isEmpty()) {
            throw LocalVodApiError.missing("Tracks.TrackItems");
        }
        List<MediaComposer.Item> timeline = new ArrayList<>();
        for (JsonNode item : items) {
            String type = item.path("Type").asText("");
            if (type.equals("Empty")) {
                double duration = ProcessingPlan.seconds(item.path("EmptyItem"), "EmptyItem", "Duration", 0);
                if (duration <= 0) {
                    throw LocalVodApiError.invalidValue("EmptyItem.Duration", "must be more than 0");
                }
                timeline.add(new MediaComposer.Blank(duration));
            } else if (type.equals(mediaType)) {
                timeline.add(cut(item.path(itemField), itemField, subAppId));
            } else if (type.equals("Transition") || type.equals("Sticker")) {
                throw unsupported(type + " items");
            } else {
                throw LocalVodApiError.invalidValue("TrackItems.Type", "'" + type + "' does not belong in a "
                        + mediaType + " track");
            }
        }
        return timeline;
    }

    private MediaComposer.Cut cut(JsonNode item, String field, long subAppId) {
        ProcessingPlan.refuse(item, field, UNSUPPORTED_ITEM_OPTIONS);
        String source = Param.required(item.path("SourceMedia").asText(""), field + ".SourceMedia");
        if (!source.matches("\\d+")) {
            throw unsupported("SourceMedia given as a URL");
        }
        if (media.find(source).filter(m -> m.subAppId() == subAppId && m.originalKey().isPresent()).isEmpty()) {
            throw LocalVodApiError.invalidValue(field + ".SourceMedia", "FileId " + source + " does not exist");
        }
        double start = ProcessingPlan.seconds(item, field, "SourceMediaStartTime", 0);
        double duration = ProcessingPlan.seconds(item, field, "Duration", 0);
        return new MediaComposer.Cut(source, start, duration > 0 ? start + duration : 0);
    }

    private static MediaCreator.Original original(Output out, long subAppId) {
        String name = Param.required(out.fileName(), "Output.FileName");
        String container = out.container() == null || out.container().isEmpty() ? "mp4" : out.container();
        if (container.equals("mp3")) {
            throw unsupported("MP3 output");
        }
        Param.oneOf(container, java.util.Set.of("mp4"), "Output.Container");
        if (out.videoStream() != null && !out.videoStream().isNull()
                || out.audioStream() != null && !out.audioStream().isNull()
                || out.removeVideo() != null && out.removeVideo() != 0) {
            throw unsupported("Output.VideoStream, AudioStream and RemoveVideo");
        }
        if (out.classId() != null && out.classId() < 0) {
            throw LocalVodApiError.invalidValue("Output.ClassId", "must be >= 0");
        }
        return new MediaCreator.Original(subAppId, "", "f0", container, name,
                out.description() == null ? "" : out.description(), out.classId() == null ? 0 : out.classId(),
                Param.expireTime(out.expireTime()), new MediaBasicInfo.SourceInfo("VideoProcessing", ""));
    }

    private static long size(Long value, String name) {
        long size = value == null ? 0 : value;
        if (size < 0 || size > MAX_CANVAS) {
            throw LocalVodApiError.invalidValue(name, "must be 0 (from the first video) to " + MAX_CANVAS);
        }
        return size;
    }

    /** The canvas: as given; a side left 0 follows the first video's aspect; both 0: the first video's size. */
    private static ConcatCommand.Canvas canvas(List<Media> used, long width, long height, String color) {
        MetaData first = used.stream().map(Media::metaData).filter(m -> m.width() > 0 && m.height() > 0).findFirst()
                .orElseThrow(() -> MediaStepException.invalidInput("no VideoItem has a picture to size the canvas"));
        double aspect = (double) first.width() / first.height();
        long w = width > 0 ? width : height > 0 ? Math.round(height * aspect) : first.width();
        long h = height > 0 ? height : width > 0 ? Math.round(width / aspect) : first.height();
        return new ConcatCommand.Canvas(MediaComposer.even(w), MediaComposer.even(h), color);
    }

    /** The task's {@code Input}: the request's tracks and output, the canvas with its defaults. */
    private static JsonNode input(JsonNode body, String color, long width, long height) {
        ObjectNode input = VodJson.API.createObjectNode();
        input.set("Tracks", body.path("Tracks").deepCopy());
        input.putObject("Canvas").put("Color", color).put("Width", width).put("Height", height);
        ObjectNode output = body.path("Output").isObject() ? ((ObjectNode) body.path("Output")).deepCopy()
                : VodJson.API.createObjectNode();
        if (!output.hasNonNull("Container")) {
            output.put("Container", "mp4");
        }
        input.set("Output", output);
        return input;
    }

    private static LocalVodApiError unsupported(String what) {
        return new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                "ComposeMedia with " + what + " is not supported by the local VOD.");
    }
}
