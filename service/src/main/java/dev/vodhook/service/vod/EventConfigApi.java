package dev.vodhook.service.vod;

import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigResponse;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventsStateRequest;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.service.ServiceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * An application's event notification settings (DescribeEventConfig, ModifyEventConfig) and its pull queue's
 * size (DescribeEventsState), through the official SDK and {@link VodClients}, as {@code vodhook setup} needs them.
 */
public final class EventConfigApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final VodClient client;
    private final Optional<Long> subAppId;
    private final URI endpoint;

    private EventConfigApi(VodClient client, Optional<Long> subAppId, URI endpoint) {
        this.client = client;
        this.subAppId = subAppId;
        this.endpoint = endpoint;
    }

    /** For the endpoint, credentials, region and SubAppId of {@code config}. */
    public static EventConfigApi create(ServiceConfig config) {
        Duration connect = config.vodTimeout().compareTo(CONNECT_TIMEOUT) > 0 ? CONNECT_TIMEOUT : config.vodTimeout();
        return new EventConfigApi(VodClients.create(config.vodEndpoint(), config.secretId(), config.secretKey(),
                config.region(), connect, config.vodTimeout()), config.subAppId(), config.vodEndpoint());
    }

    /** {@code DescribeEventConfig}: what VOD tells (never the SignKey). */
    public VodEventConfig describe() {
        DescribeEventConfigRequest request = new DescribeEventConfigRequest();
        subAppId.ifPresent(request::setSubAppId);
        DescribeEventConfigResponse r = call(() -> client.DescribeEventConfig(request));
        return new VodEventConfig(orEmpty(r.getMode()), orEmpty(r.getNotificationUrl()),
                orEmpty(r.getUploadMediaCompleteEventSwitch()), orEmpty(r.getDeleteMediaCompleteEventSwitch()));
    }

    /**
     * {@code ModifyEventConfig} with every field of {@code target}, and the SignKey when given (the 3.1.660 SDK's
     * model has no SignKey field: it goes by name, vod-protocol.md §1.4).
     */
    public void modify(VodEventConfig target, Optional<String> signKey) {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        subAppId.ifPresent(request::setSubAppId);
        request.setMode(target.mode());
        request.setNotificationUrl(target.notificationUrl());
        request.setUploadMediaCompleteEventSwitch(target.uploadSwitch());
        request.setDeleteMediaCompleteEventSwitch(target.deleteSwitch());
        signKey.ifPresent(k -> request.set("SignKey", k));
        call(() -> client.ModifyEventConfig(request));
    }

    /**
     * {@code DescribeEventsState}: about how many events PullEvents would hand out; unlike PullEvents it takes
     * none, so it checks that the queue answers to these credentials without hiding real events for 30 s.
     */
    public long eventsToPull() {
        DescribeEventsStateRequest request = new DescribeEventsStateRequest();
        subAppId.ifPresent(request::setSubAppId);
        Long count = call(() -> client.DescribeEventsState(request)).getCountOfEventsToPull();
        return count == null ? 0 : count;
    }

    private interface SdkCall<T> {
        T run() throws TencentCloudSDKException;
    }

    private <T> T call(SdkCall<T> call) {
        try {
            return call.run();
        } catch (TencentCloudSDKException e) {
            throw VodApi.failure(e);
        } catch (RuntimeException e) {
            throw new VodApiException("ClientSideError", "", "the call to " + endpoint + " failed: " + e, true, e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "EventConfigApi[" + endpoint + subAppId.map(id -> ", SubAppId " + id).orElse("") + "]";
    }
}
