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
        try {
            client.ModifyEventConfig(request);
        } catch (TencentCloudSDKException e) {
            throw new UserFacingException("the local VOD refused ModifyEventConfig: " + e.getErrorCode() + " " + e.getMessage(), e);
        }
    }
}
