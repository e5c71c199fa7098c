package dev.vodhook.cli;

import com.qcloud.vod.VodUploadClient;
import com.qcloud.vod.model.VodUploadRequest;
import com.qcloud.vod.model.VodUploadResponse;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.HttpProfile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Server upload through Tencent's official upload SDK ({@code vod_api}): ApplyUpload, upload of the bytes
 * to storage, CommitUpload.
 *
 * <p>The SDK cannot be given an endpoint, only a proxy (vod-protocol.md §6.2). So for any endpoint that is
 * not the real {@code *.tencentcloudapi.com} (the local VOD), the SDK is pointed at it as an HTTP proxy, and
 * the local VOD answers the SDK's requests for {@code vod.tencentcloudapi.com} and COS itself.
 */
public record ServerUpload(String secretId, String secretKey, String region, Optional<Long> subAppId, URI vodEndpoint) {

    public record Uploaded(String fileId, String mediaUrl, String coverUrl, String requestId) {
    }

    public Uploaded upload(Path media, Optional<String> procedure, Optional<Path> cover) {
        if (!Files.isRegularFile(media)) {
            throw new UserFacingException("cannot upload " + media + ": no such file");
        }
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(media.toString());
        cover.ifPresent(c -> request.setCoverFilePath(c.toString()));
        procedure.filter(p -> !p.isBlank()).ifPresent(request::setProcedure);
        subAppId.ifPresent(request::setSubAppId);
        try {
            VodUploadResponse r = client().upload(region, request);
            return new Uploaded(r.getFileId(), r.getMediaUrl(), r.getCoverUrl() == null ? "" : r.getCoverUrl(), r.getRequestId());
        } catch (TencentCloudSDKException e) {
            throw new UserFacingException("upload of " + media.getFileName() + " failed: " + e.getErrorCode() + " " + e.getMessage()
                    + (e.getRequestId() == null || e.getRequestId().isEmpty() ? "" : " (RequestId " + e.getRequestId() + ")"), e);
        } catch (Exception e) {
            throw new UserFacingException("upload of " + media.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    private VodUploadClient client() {
        if (isTencentCloud()) {
            return new VodUploadClient(secretId, secretKey);
        }
        HttpProfile proxy = new HttpProfile();
        proxy.setProxyHost(vodEndpoint.getHost());
        proxy.setProxyPort(vodEndpoint.getPort() > 0 ? vodEndpoint.getPort() : 80);
        proxy.setProtocol(HttpProfile.REQ_HTTP);
        return new VodUploadClient(secretId, secretKey, proxy);
    }

    private boolean isTencentCloud() {
        String host = vodEndpoint.getHost();
        return host != null && host.endsWith(".tencentcloudapi.com");
    }
}
