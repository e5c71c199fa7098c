package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.media.MediaPuller;
import dev.vodhook.emulator.internal.media.MediaTypes;
import dev.vodhook.emulator.internal.media.PullRequest;
import dev.vodhook.emulator.internal.tasks.ProcedureStarter;
import dev.vodhook.emulator.internal.tasks.PullUploadTask;
import dev.vodhook.emulator.internal.tasks.SingleTaskRunner;
import dev.vodhook.emulator.internal.tasks.TaskState;
import dev.vodhook.emulator.internal.tasks.UsedSessionIds;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * PullUpload: checks the request, answers a TaskId ({@code <appid>-pull-<32hex>}) at once and pulls in the background
 * ({@link MediaPuller}); {@code PullComplete} reports the outcome and DescribeTaskDetail shows it as
 * {@code TaskType PullUpload}. A {@code SessionId} is deduplicated like ProcessMedia's, separately from it. HLS
 * sources are refused: the local VOD fetches single files only.
 */
public final class PullUploadAction implements ApiAction {

    public static final Set<String> COVER_TYPES = Set.of("gif", "jpeg", "jpg", "png");

    private final UsedSessionIds sessionIds;
    private final ProcedureStarter procedures;
    private final IdSource ids;
    private final SingleTaskRunner runner;
    private final MediaPuller puller;
    private final String defaultRegion;

    public PullUploadAction(UsedSessionIds sessionIds, ProcedureStarter procedures, IdSource ids,
            SingleTaskRunner runner,
                     MediaPuller puller, String defaultRegion) {
        this.sessionIds = sessionIds;
        this.procedures = procedures;
        this.ids = ids;
        this.runner = runner;
        this.puller = puller;
        this.defaultRegion = defaultRegion;
    }

    record Request(String mediaUrl, String mediaType, String mediaName, String coverUrl, String procedure,
                   String expireTime, String storageRegion, Long classId, Long tasksPriority, String sessionContext,
                   String sessionId, String sourceContext) {
    }

    record Response(String taskId) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        URI mediaUrl = httpUrl(Param.required(r.mediaUrl(), "MediaUrl"), "MediaUrl");
        Optional<String> mediaType = Optional.ofNullable(r.mediaType()).filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT));
        if (mediaType.isPresent() && !MediaTypes.MEDIA.contains(mediaType.get())) {
            throw new LocalVodApiError(LocalVodApiError.FAILED_OPERATION + ".MediaType",
                    "'" + r.mediaType() + "' is not a supported media type.");
        }
        if ("m3u8".equals(mediaType.orElse(MediaTypes.extensionOfPath(mediaUrl.getPath())))) {
            throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                    "Pulling HLS (m3u8) sources is not supported by the local VOD.");
        }
        Optional<URI> coverUrl = Optional.ofNullable(r.coverUrl()).filter(c -> !c.isEmpty())
                .map(c -> httpUrl(c, "CoverUrl"));
        String coverType = coverUrl.map(u -> MediaTypes.extensionOfPath(u.getPath())).orElse("");
        if (!coverType.isEmpty() && !COVER_TYPES.contains(coverType)) {
            throw new LocalVodApiError(LocalVodApiError.FAILED_OPERATION + ".CoverType",
                    "The cover must be a gif, jpeg or png, not " + coverType + ".");
        }
        Optional<String> procedure = Optional.ofNullable(r.procedure()).filter(p -> !p.isEmpty());
        procedures.requireKnown(request.subAppId(), procedure, "Procedure");
        if (r.classId() != null && r.classId() < 0) {
            throw LocalVodApiError.invalidValue("ClassId", "must be >= 0");
        }
        Param.maxLength(r.sourceContext(), 250, "SourceContext", LocalVodApiError.INVALID_PARAMETER_VALUE);
        PullRequest pull = new PullRequest(request.subAppId(), mediaUrl, mediaType,
                Optional.ofNullable(r.mediaName()).filter(n -> !n.isEmpty()), coverUrl, procedure,
                Param.expireTime(r.expireTime()), Param.region(r.storageRegion(), defaultRegion),
                r.classId() == null ? 0 : r.classId(), Param.priority(r.tasksPriority()),
                Param.sessionContext(r.sessionContext()), r.sourceContext() == null ? "" : r.sourceContext());
        String sessionId = Param.sessionId(r.sessionId());
        sessionIds.claimOrRefuse(request.action(), request.subAppId(), sessionId, "nothing was pulled");
        PullUploadTask task = new PullUploadTask(ids.taskId(request.subAppId(), "pull", ""), request.subAppId(),
                TaskState.waiting(request.now()), mediaUrl.toString(), pull.sessionContext(), sessionId,
                Optional.empty(), "");
        runner.start(task, t -> puller.pull(t, pull));
        return new Response(task.taskId());
    }

    /** An absolute http or https URL with a host; anything else is {@code InvalidParameterValue.<parameter>}. */
    static URI httpUrl(String text, String parameter) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw LocalVodApiError.invalidValue(parameter, parameter, "'" + text + "' is not an http or https URL");
    }
}
