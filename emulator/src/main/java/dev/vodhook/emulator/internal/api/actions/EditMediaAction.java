package dev.vodhook.emulator.internal.api.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import dev.vodhook.emulator.internal.processing.ConcatCommand;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.tasks.EditMediaTask;
import dev.vodhook.emulator.internal.tasks.ProcedureStarter;
import dev.vodhook.emulator.internal.tasks.SingleTaskRunner;
import dev.vodhook.emulator.internal.tasks.TaskState;
import dev.vodhook.emulator.internal.tasks.UsedSessionIds;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * EditMedia with {@code InputType File}: cuts each of {@code FileInfos} to its {@code StartTimeOffset} ..
 * {@code EndTimeOffset} (0 = its end), puts the cuts one after the other as a new MP4 media, and reports it with
 * {@code EditMediaComplete} and DescribeTaskDetail ({@code TaskType EditMedia}). The picture size is that of the
 * input with the most pixels ({@code Definition 10}, the default) or the highest bitrate (20); other inputs are
 * fitted into it. {@code ProcedureName} starts a task flow on the result. Streams (live recordings), HLS output and
 * output stream settings are refused ({@code UnsupportedOperation}).
 */
public final class EditMediaAction implements ApiAction {

    static final int MAX_FILES = 100;

    private final MediaRepository media;
    private final UsedSessionIds sessionIds;
    private final ProcedureStarter procedures;
    private final IdSource ids;
    private final SingleTaskRunner runner;
    private final MediaComposer composer;

    public EditMediaAction(MediaRepository media, UsedSessionIds sessionIds, ProcedureStarter procedures, IdSource ids,
                    SingleTaskRunner runner, MediaComposer composer) {
        this.media = media;
        this.sessionIds = sessionIds;
        this.procedures = procedures;
        this.ids = ids;
        this.runner = runner;
        this.composer = composer;
    }

    record FileInfo(String fileId, Double startTimeOffset, Double endTimeOffset) {
    }

    record OutputConfig(String mediaName, String type, Long classId, String expireTime, JsonNode videoStream,
                        JsonNode tEHDConfig) {
    }

    record Request(String inputType, List<FileInfo> fileInfos, JsonNode streamInfos, Long definition,
                   String procedureName, OutputConfig outputConfig, String sessionContext, Long tasksPriority,
                   String sessionId) {
    }

    record Response(String taskId) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        String inputType = Param.required(r.inputType(), "InputType");
        if ("Stream".equals(inputType)) {
            throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                    "EditMedia of live streams (InputType Stream) is not supported by the local VOD.");
        }
        Param.oneOf(inputType, java.util.Set.of("File"), "InputType");
        if (r.fileInfos() == null || r.fileInfos().isEmpty()) {
            throw LocalVodApiError.missing("FileInfos");
        }
        if (r.fileInfos().size() > MAX_FILES) {
            throw LocalVodApiError.invalidValue("FileInfos", "at most " + MAX_FILES + " files");
        }
        List<MediaComposer.Item> cuts = r.fileInfos().stream().<MediaComposer.Item>map(f -> cut(f, request.subAppId()))
                .toList();
        long definition = r.definition() == null ? 10 : r.definition();
        if (definition != 10 && definition != 20) {
            throw LocalVodApiError.invalidValue("Definition", "edit template " + definition
                    + " does not exist (10, 20)");
        }
        Optional<String> procedure = Optional.ofNullable(r.procedureName()).filter(p -> !p.isEmpty());
        procedures.requireKnown(request.subAppId(), procedure, "ProcedureName");
        MediaCreator.Original output = output(r.outputConfig(), request);
        long priority = Param.priority(r.tasksPriority());
        String sessionContext = Param.sessionContext(r.sessionContext());
        String sessionId = Param.sessionId(r.sessionId());
        sessionIds.claimOrRefuse(request.action(), request.subAppId(), sessionId, "nothing was edited");
        EditMediaTask task = new EditMediaTask(ids.taskId(request.subAppId(), "EditMedia", "t0"), request.subAppId(),
                TaskState.waiting(request.now()), input(cuts), Optional.empty(), "", sessionId, sessionContext);
        ToLongFunction<Media> measure = definition == 20 ? m -> m.metaData().bitrate()
                : m -> (long) m.metaData().width() * m.metaData().height();
        runner.start(task, t -> {
            Media made = composer.compose(t.subAppId(), cuts, List.of(), used -> canvas(used, measure), true, output,
                    (int) priority);
            return t.withMedia(made, procedures.start(made, procedure, priority, sessionContext));
        });
        return new Response(task.taskId());
    }

    private MediaComposer.Cut cut(FileInfo f, long subAppId) {
        String fileId = Param.required(f.fileId(), "FileInfos.FileId");
        if (media.find(fileId).filter(m -> m.subAppId() == subAppId && m.originalKey().isPresent()).isEmpty()) {
            throw LocalVodApiError.invalidValue("FileId", "FileId", fileId + " does not exist or has no original");
        }
        double start = f.startTimeOffset() == null ? 0 : f.startTimeOffset();
        double end = f.endTimeOffset() == null ? 0 : f.endTimeOffset();
        if (start < 0 || end < 0 || (end > 0 && end <= start)) {
            throw LocalVodApiError.invalidValue("FileInfos", "StartTimeOffset and EndTimeOffset of " + fileId
                    + " must be >= 0 and EndTimeOffset (0 = the end) after StartTimeOffset");
        }
        return new MediaComposer.Cut(fileId, start, end);
    }

    private static MediaCreator.Original output(OutputConfig c, ApiRequest request) {
        OutputConfig config = c == null ? new OutputConfig(null, null, null, null, null, null) : c;
        String type = config.type() == null || config.type().isEmpty() ? "mp4" : config.type();
        if ("hls".equals(type)) {
            throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                    "EditMedia output of type hls is not supported by the local VOD; use mp4.");
        }
        Param.oneOf(type, java.util.Set.of("mp4"), "OutputConfig.Type");
        for (JsonNode option : new JsonNode[] {config.videoStream(), config.tEHDConfig()}) {
            if (option != null && !option.isNull()) {
                throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                        "OutputConfig.VideoStream and TEHDConfig are not supported by the local VOD.");
            }
        }
        if (config.classId() != null && config.classId() < 0) {
            throw LocalVodApiError.invalidValue("OutputConfig.ClassId", "must be >= 0");
        }
        return new MediaCreator.Original(request.subAppId(), "", "f0", type,
                config.mediaName() == null ? "" : config.mediaName(), "", config.classId() == null ? 0
                        : config.classId(),
                Param.expireTime(config.expireTime()), new MediaBasicInfo.SourceInfo("VideoProcessing", ""));
    }

    /** The picture size of the input {@code measure} likes best (most pixels or highest bitrate). */
    private static ConcatCommand.Canvas canvas(List<Media> used, ToLongFunction<Media> measure) {
        Media best = used.stream().filter(m -> !m.metaData().videoStreamSet().isEmpty())
                .max(Comparator.comparingLong(measure)).orElseThrow(() ->
                        MediaStepException.invalidInput("none of the files has a picture to edit"));
        return new ConcatCommand.Canvas(MediaComposer.even(best.metaData().width()),
                MediaComposer.even(best.metaData().height()), "black");
    }

    /** The task's {@code Input}: {@code InputType File} and the cuts as {@code FileInfoSet}. */
    private static JsonNode input(List<MediaComposer.Item> cuts) {
        ObjectNode input = VodJson.API.createObjectNode();
        input.put("InputType", "File");
        ArrayNode files = input.putArray("FileInfoSet");
        for (MediaComposer.Item item : cuts) {
            MediaComposer.Cut c = (MediaComposer.Cut) item;
            files.addObject().put("FileId", c.fileId()).put("StartTimeOffset", c.start()).put("EndTimeOffset", c.end());
        }
        input.putArray("StreamInfoSet");
        return input;
    }
}
