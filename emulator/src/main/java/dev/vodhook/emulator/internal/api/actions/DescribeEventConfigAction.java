package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.events.EventConfig;
import dev.vodhook.emulator.internal.events.EventConfigRepository;

/** DescribeEventConfig: the application's mode, URL and switches (never the SignKey, as in the cloud). */
public final class DescribeEventConfigAction implements ApiAction {

    private final EventConfigRepository configs;

    public DescribeEventConfigAction(EventConfigRepository configs) {
        this.configs = configs;
    }

    record Response(String mode, String notificationUrl, String uploadMediaCompleteEventSwitch,
                    String deleteMediaCompleteEventSwitch, String persistenceCompleteEventSwitch) {
    }

    @Override
    public Object handle(ApiRequest request) {
        EventConfig c = configs.get(request.subAppId());
        return new Response(c.mode(), c.notificationUrl(), c.uploadMediaCompleteEventSwitch(),
                c.deleteMediaCompleteEventSwitch(), EventConfig.OFF);
    }
}
