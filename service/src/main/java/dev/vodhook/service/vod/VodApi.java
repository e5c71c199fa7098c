package dev.vodhook.service.vod;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosResponse;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaByProcedureRequest;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaByProcedureResponse;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaResponse;
import com.tencentcloudapi.vod.v20180717.models.TranscodeTaskInput;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.reconcile.EventFromDescribedTask;
import dev.vodhook.service.reconcile.DescribedTask;
import dev.vodhook.service.reconcile.VodTasks;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way vodhook calls VOD: the official {@code tencentcloud-sdk-java-vod} client, pointed at
 * the configured endpoint, with its failures turned into {@link VodApiException}s that say whether
 * a retry can help.
 */
public final class VodApi implements MediaProcessing, VodTasks {
    /** VOD's answer to a SessionId it has seen within its dedup window. */
    public static final String DUPLICATE_SESSION_ID = "InvalidParameterValue.SessionId";
    /** DescribeMediaInfos' refusal of a FileId that cannot be one (vod-protocol.md §1.6): VOD has no such media. */
    static final String INVALID_FILE_IDS = "InvalidParameterValue.FileIds";
    /** The section of MediaInfo {@link #describeMedia} asks for: the smallest, enough to know the media is there. */
    private static final String[] LOOKUP_FILTERS = {"basicInfo"};
    private static final Logger log = LoggerFactory.getLogger(VodApi.class);
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /** Made at the first call ({@link VodClients#onFirstUse}). */
    private final Supplier<VodClient> client;
    private final Optional<Long> subAppId;
    private final URI endpoint;

    private VodApi(Supplier<VodClient> client, Optional<Long> subAppId, URI endpoint) {
        this.client = client;
        this.subAppId = subAppId;
        this.endpoint = endpoint;
    }

    public static VodApi create(ServiceConfig config) {
        return create(config.vodEndpoint(), config.secretId(), config.secretKey(), config.region(), config.subAppId(),
                config.vodTimeout());
    }

    /**
     * A client for {@code endpoint}: its scheme picks HTTP or HTTPS, its {@code host[:port]} is the
     * SDK endpoint (vod-protocol.md §1.4); it must have no path.
     */
    public static VodApi create(URI endpoint, String secretId, String secretKey, String region,
            Optional<Long> subAppId, Duration timeout) {
        Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) > 0 ? MAX_CONNECT_TIMEOUT : timeout;
        return new VodApi(VodClients.onFirstUse(endpoint, secretId, secretKey, region, connect, timeout), subAppId,
                endpoint);
    }

    @Override
    public ProcessMediaResult processMedia(String fileId, List<Integer> definitions, String sessionId,
            String sessionContext) {
        TranscodeTaskInput[] transcodes = definitions.stream().map(d -> {
            TranscodeTaskInput t = new TranscodeTaskInput();
            t.setDefinition(d.longValue());
            return t;
        }).toArray(TranscodeTaskInput[]::new);
        MediaProcessTaskInput task = new MediaProcessTaskInput();
        task.setTranscodeTaskSet(transcodes);
        ProcessMediaRequest request = new ProcessMediaRequest();
        request.setFileId(fileId);
        subAppId.ifPresent(request::setSubAppId);
        request.setMediaProcessTask(task);
        request.setSessionId(sessionId);
        request.setSessionContext(sessionContext);
        try {
            ProcessMediaResponse response = call("ProcessMedia", () -> client.get().ProcessMedia(request));
            log.debug("ProcessMedia FileId {} SessionId {} started task {} (RequestId {})", fileId, sessionId,
                    response.getTaskId(), response.getRequestId());
            return ProcessMediaResult.started(response.getTaskId(), nullToEmpty(response.getRequestId()));
        } catch (VodApiException e) {
            return alreadySubmitted(e);
        }
    }

    @Override
    public ProcessMediaResult processMediaByProcedure(String fileId, String procedureName, String sessionId,
            String sessionContext) {
        ProcessMediaByProcedureRequest request = new ProcessMediaByProcedureRequest();
        request.setFileId(fileId);
        request.setProcedureName(procedureName);
        subAppId.ifPresent(request::setSubAppId);
        request.setSessionId(sessionId);
        request.setSessionContext(sessionContext);
        try {
            ProcessMediaByProcedureResponse response = call("ProcessMediaByProcedure",
                    () -> client.get().ProcessMediaByProcedure(request));
            log.debug("ProcessMediaByProcedure FileId {} Procedure {} SessionId {} started task {} (RequestId {})",
                    fileId, procedureName, sessionId, response.getTaskId(), response.getRequestId());
            return ProcessMediaResult.started(response.getTaskId(), nullToEmpty(response.getRequestId()));
        } catch (VodApiException e) {
            return alreadySubmitted(e);
        }
    }

    @Override
    public MediaLookup describeMedia(String fileId) {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        request.setFilters(LOOKUP_FILTERS);
        subAppId.ifPresent(request::setSubAppId);
        DescribeMediaInfosResponse response;
        try {
            response = call("DescribeMediaInfos", () -> client.get().DescribeMediaInfos(request));
        } catch (VodApiException e) {
            if (e.code().equals(INVALID_FILE_IDS)) {
                log.debug("DescribeMediaInfos refused FileId {} as {}: no such media", fileId, e.code());
                return MediaLookup.missing(e.requestId());
            }
            throw e;
        }
        String requestId = nullToEmpty(response.getRequestId());
        if (stream(response.getMediaInfoSet()).anyMatch(m -> fileId.equals(m.getFileId()))) {
            return MediaLookup.found(requestId);
        }
        if (stream(response.getNotExistFileIdSet()).anyMatch(fileId::equals)) {
            return MediaLookup.missing(requestId);
        }
        throw new VodApiException("ClientSideError", requestId, "DescribeMediaInfos at " + endpoint
                + " answered neither a MediaInfo nor NotExistFileIdSet for FileId " + fileId, true, null);
    }

    private static <T> Stream<T> stream(T[] array) {
        return array == null ? Stream.empty() : Arrays.stream(array).filter(Objects::nonNull);
    }

    @Override
    public DescribedTask describeTask(String taskId) {
        DescribeTaskDetailRequest request = new DescribeTaskDetailRequest();
        request.setTaskId(taskId);
        subAppId.ifPresent(request::setSubAppId);
        DescribeTaskDetailResponse response = call("DescribeTaskDetail",
                () -> client.get().DescribeTaskDetail(request));
        return new DescribedTask(nullToEmpty(response.getTaskType()), nullToEmpty(response.getStatus()),
                EventFromDescribedTask.of(response), nullToEmpty(response.getRequestId()));
    }

    /** A call through the SDK, its failures as {@link VodApiException}s. */
    private interface SdkCall<T> {
        T run() throws TencentCloudSDKException;
    }

    private <T> T call(String action, SdkCall<T> call) {
        try {
            return call.run();
        } catch (TencentCloudSDKException e) {
            throw failure(e);
        } catch (RuntimeException e) {
            // the SDK's own bugs and unreadable answers: no code, worth another try
            throw new VodApiException("ClientSideError", "", action + " at " + endpoint + " failed: " + e, true, e);
        }
    }

    /** A repeated SessionId means an earlier call started the task; any other failure stands. */
    private static ProcessMediaResult alreadySubmitted(VodApiException e) {
        if (e.code().equals(DUPLICATE_SESSION_ID)) {
            return ProcessMediaResult.alreadySubmitted(e.requestId());
        }
        throw e;
    }

    /** Turns the SDK's exception into ours, deciding whether a retry can help. */
    static VodApiException failure(TencentCloudSDKException e) {
        String code = nullToEmpty(e.getErrorCode());
        if (code.isEmpty()) {
            code = "Transport"; // the SDK reports I/O failures and timeouts without a code
        }
        return new VodApiException(code, nullToEmpty(e.getRequestId()), nullToEmpty(e.getMessage()), retryable(code),
                e);
    }

    /**
     * Transient: no answer or a non-200 answer, VOD's internal errors, rate limits, unavailable
     * resources, the generic FailedOperation and the SDK's own client-side failures. Everything
     * else (bad parameters, unknown FileId, authentication) needs a person.
     */
    static boolean retryable(String code) {
        return code.equals("Transport")
                || code.equals("ServerSideError")
                || code.equals("ClientSideError")
                || code.equals("FailedOperation")
                || code.equals("InternalError") || code.startsWith("InternalError.")
                || code.equals("RequestLimitExceeded") || code.startsWith("RequestLimitExceeded.")
                || code.equals("ResourceUnavailable") || code.startsWith("ResourceUnavailable.");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "VodApi[" + endpoint + subAppId.map(id -> ", SubAppId " + id).orElse("") + "]";
    }
}
