package dev.vodhook.service.vod;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ConfirmEventsRequest;
import dev.vodhook.service.ServiceConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VOD's reliable-callback queue, through the official SDK: {@code PullEvents} and
 * {@code ConfirmEvents} (vod-protocol.md §3.3).
 *
 * <p>PullEvents goes through the SDK's generic {@code call(action, json)}, which signs and sends
 * exactly like {@code VodClient.PullEvents} but hands back the answer as JSON: the typed
 * {@code EventContent} model would drop every field (and whole event payloads) that this SDK
 * version does not know, and vodhook keeps events whole. An empty {@code EventSet}, a null or
 * missing one, and {@code ResourceNotFound} all mean "no events". The read timeout is at least
 * 10 s, because VOD holds a PullEvents call up to 5 s when the queue is empty.
 */
public final class VodEventQueue {
    /** Handles per ConfirmEvents call, and events per PullEvents answer. */
    public static final int MAX_BATCH = 16;
    static final Duration MIN_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    /** One PullEvents answer: each event as VOD sent it ({@code EventHandle} included). */
    public record Pulled(List<ObjectNode> events, String requestId) {
        static Pulled none(String requestId) {
            return new Pulled(List.of(), requestId);
        }
    }

    private final VodClient client;
    private final Optional<Long> subAppId;
    private final URI endpoint;

    private VodEventQueue(VodClient client, Optional<Long> subAppId, URI endpoint) {
        this.client = client;
        this.subAppId = subAppId;
        this.endpoint = endpoint;
    }

    public static VodEventQueue create(ServiceConfig config) {
        return create(config.vodEndpoint(), config.secretId(), config.secretKey(), config.region(), config.subAppId(),
                config.vodTimeout());
    }

    public static VodEventQueue create(URI endpoint, String secretId, String secretKey, String region,
            Optional<Long> subAppId, Duration timeout) {
        Duration read = timeout.compareTo(MIN_READ_TIMEOUT) < 0 ? MIN_READ_TIMEOUT : timeout;
        return new VodEventQueue(VodClients.create(endpoint, secretId, secretKey, region, CONNECT_TIMEOUT, read),
                subAppId, endpoint);
    }

    /** One PullEvents call: up to 16 events, after a hold of up to 5 s when there are none. */
    public Pulled pull() {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        subAppId.ifPresent(id -> request.put("SubAppId", id));
        String answer;
        try {
            answer = client.call("PullEvents", request.toString());
        } catch (TencentCloudSDKException e) {
            if (noEvents(e.getErrorCode())) {
                return Pulled.none(e.getRequestId() == null ? "" : e.getRequestId());
            }
            throw VodApi.failure(e);
        } catch (RuntimeException e) {
            throw new VodApiException("ClientSideError", "", "PullEvents at " + endpoint + " failed: " + e, true, e);
        }
        return read(answer);
    }

    /** Confirms up to 16 handles; throws {@link VodApiException} when VOD refuses (e.g. a stale handle). */
    public void confirm(List<String> handles) {
        if (handles.isEmpty() || handles.size() > MAX_BATCH) {
            throw new IllegalArgumentException("ConfirmEvents takes 1 to " + MAX_BATCH + " handles, got " + handles.size());
        }
        ConfirmEventsRequest request = new ConfirmEventsRequest();
        request.setEventHandles(handles.toArray(String[]::new));
        subAppId.ifPresent(request::setSubAppId);
        try {
            client.ConfirmEvents(request);
        } catch (TencentCloudSDKException e) {
            throw VodApi.failure(e);
        } catch (RuntimeException e) {
            throw new VodApiException("ClientSideError", "", "ConfirmEvents at " + endpoint + " failed: " + e, true, e);
        }
    }

    static Pulled read(String answer) {
        JsonNode response;
        try {
            response = JSON.readTree(answer).path("Response");
        } catch (IOException e) {
            throw new VodApiException("ClientSideError", "", "PullEvents answered something that is not JSON: "
                    + e.getMessage(), true, e);
        }
        String requestId = response.path("RequestId").asText("");
        JsonNode error = response.path("Error");
        if (error.isObject()) {
            String code = error.path("Code").asText("");
            if (noEvents(code)) {
                return Pulled.none(requestId);
            }
            throw new VodApiException(code, requestId, error.path("Message").asText(""), VodApi.retryable(code), null);
        }
        JsonNode set = response.path("EventSet");
        if (!set.isArray()) {
            return Pulled.none(requestId);
        }
        List<ObjectNode> events = new ArrayList<>(set.size());
        for (JsonNode event : set) {
            if (event.isObject()) {
                events.add((ObjectNode) event);
            }
        }
        return new Pulled(events, requestId);
    }

    /** {@code ResourceNotFound} from PullEvents: documented among its errors, read as "no events". */
    private static boolean noEvents(String code) {
        return code != null && (code.equals("ResourceNotFound") || code.startsWith("ResourceNotFound."));
    }

    @Override
    public String toString() {
        return "VodEventQueue[" + endpoint + subAppId.map(id -> ", SubAppId " + id).orElse("") + "]";
    }
}
