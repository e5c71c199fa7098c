package dev.vodhook.emulator;

import com.qcloud.vod.VodUploadClient;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.vod.v20180717.VodClient;

/** The official SDK clients, pointed at a running emulator the documented way (vod-protocol.md §1.4, §6.2). */
public final class VodSdk {

    private VodSdk() {
    }

    public static VodClient client(LocalVod vod) {
        return client(vod, vod.config().secretId(), vod.config().secretKey());
    }

    static VodClient client(LocalVod vod, String secretId, String secretKey) {
        return client(vod, new Credential(secretId, secretKey));
    }

    /** A client with temporary credentials: their token goes out as {@code X-TC-Token}. */
    static VodClient client(LocalVod vod, Credential credential) {
        return LocalVodExtension.client(vod.endpoint(), credential, "ap-guangzhou", profile -> { });
    }

    static VodClient unsignedPayloadClient(LocalVod vod) {
        return LocalVodExtension.client(vod.endpoint(), new Credential(vod.config().secretId(),
                vod.config().secretKey()), "ap-guangzhou", profile -> profile.setUnsignedPayload(true));
    }

    /** The upload SDK in proxy mode: API and COS requests both go to the emulator as an HTTP proxy. */
    static VodUploadClient uploader(LocalVod vod) {
        HttpProfile hp = new HttpProfile();
        hp.setProxyHost("127.0.0.1");
        hp.setProxyPort(vod.port());
        hp.setProtocol(HttpProfile.REQ_HTTP);
        return new VodUploadClient(vod.config().secretId(), vod.config().secretKey(), hp);
    }

}
