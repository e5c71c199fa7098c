package dev.vodhook.cli;

import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.vod.EventConfigApi;
import dev.vodhook.service.vod.VodApiException;
import dev.vodhook.service.vod.VodEventConfig;
import java.util.Optional;

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
        EventConfigApi api = EventConfigApi.create(ServiceConfig.defaults().withVodEndpoint(vod.baseUrl())
                .withCredentials(secretId, secretKey));
        try {
            api.modify(VodEventConfig.wanted(VodEventConfig.PUSH, callbackUrl), Optional.ofNullable(signKey));
        } catch (VodApiException e) {
            throw new UserFacingException("the local VOD refused ModifyEventConfig: " + e.getMessage(), e);
        }
    }
}
