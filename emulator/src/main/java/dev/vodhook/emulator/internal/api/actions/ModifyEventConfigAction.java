package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.events.EventConfig;
import dev.vodhook.emulator.internal.events.EventConfigRepository;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ModifyEventConfig: changes only the fields given. {@code NotificationUrl ""} clears the URL; {@code SignKey}
 * (not in the 3.1.660 SDK model; send it with {@code AbstractModel.set}) turns on {@code Sign}/{@code T} in pushes,
 * {@code ""} turns it off.
 */
public final class ModifyEventConfigAction implements ApiAction {

    private static final Logger log = LoggerFactory.getLogger(ModifyEventConfigAction.class);
    private static final Set<String> MODES = Set.of(EventConfig.PUSH, EventConfig.PULL);
    private static final Set<String> SWITCHES = Set.of(EventConfig.ON, EventConfig.OFF);

    private final EventConfigRepository configs;

    public ModifyEventConfigAction(EventConfigRepository configs) {
        this.configs = configs;
    }

    record Request(String mode, String notificationUrl, String uploadMediaCompleteEventSwitch,
                   String deleteMediaCompleteEventSwitch, String signKey) {
    }

    record Response() {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Param.oneOf(r.mode(), MODES, "Mode");
        Param.oneOf(r.uploadMediaCompleteEventSwitch(), SWITCHES, "UploadMediaCompleteEventSwitch");
        Param.oneOf(r.deleteMediaCompleteEventSwitch(), SWITCHES, "DeleteMediaCompleteEventSwitch");
        if (r.notificationUrl() != null && !r.notificationUrl().isEmpty() && !isHttpUrl(r.notificationUrl())) {
            throw LocalVodApiError.invalidValue("NotificationUrl", "must be an absolute http:// or https:// URL");
        }
        if (r.signKey() != null && !r.signKey().matches("[A-Za-z0-9]{0,32}")) {
            throw LocalVodApiError.invalidValue("SignKey", "at most 32 letters and digits");
        }
        Optional<String> signKey = r.signKey() == null ? null : Optional.of(r.signKey()).filter(k -> !k.isEmpty());
        EventConfig updated = configs.update(request.subAppId(), c -> c.with(r.mode(), r.notificationUrl(),
                r.uploadMediaCompleteEventSwitch(), r.deleteMediaCompleteEventSwitch(), signKey));
        log.info("Event config of SubAppId {} is now {}", request.subAppId(), updated);
        return new Response();
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
