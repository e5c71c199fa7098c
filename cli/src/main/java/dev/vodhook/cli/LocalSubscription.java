package dev.vodhook.cli;

import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.common.profile.ClientProfile;
import com.tencentcloudapi.common.profile.HttpProfile;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.emulator.LocalVod;

/** Points a local VOD's normal callback at a receiver, through the official SDK as a user would. */
final class LocalSubscription {

    private LocalSubscription() {
    }

    static void pushTo(LocalVod vod, String secretId, String secretKey, String callbackUrl) {
        pushTo(vod, secretId, secretKey, callbackUrl, null);
    }

    /**
     * @param signKey when not null, the application's SignKey (not in the 3.1.660 SDK model, so set by name): the
     *                local VOD then adds Sign and T to every push
     */
    static void pushTo(LocalVod vod, String secretId, String secretKey, String callbackUrl, String signKey) {
        HttpProfile http = new HttpProfile();
        http.setEndpoint(vod.endpoint());
        http.setProtocol(HttpProfile.REQ_HTTP);
        ClientProfile profile = new ClientProfile();
        profile.setHttpProfile(http);
        VodClient client = new VodClient(new Credential(secretId, secretKey), "ap-guangzhou", profile);
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.setMode("PUSH");
        request.setNotificationUrl(callbackUrl);
        request.setUploadMediaCompleteEventSwitch("ON");
        request.setDeleteMediaCompleteEventSwitch("ON");
        if (signKey != null) {
            request.set("SignKey", signKey);
        }
        try {
            client.ModifyEventConfig(request);
        } catch (TencentCloudSDKException e) {
            throw new UserFacingException("the local VOD refused ModifyEventConfig: " + e.getErrorCode() + " " + e.getMessage(), e);
        }
    }
}
