package dev.vodhook.cli;

import static dev.vodhook.cli.config.ConfigKeys.REGION;
import static dev.vodhook.cli.config.ConfigKeys.SECRET_ID;
import static dev.vodhook.cli.config.ConfigKeys.SECRET_KEY;
import static dev.vodhook.cli.config.ConfigKeys.SUBAPPID;
import static dev.vodhook.cli.config.ConfigKeys.VOD_ENDPOINT;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.ServiceConfig;

/** The {@link dev.vodhook.cli.config.ConfigGroup#VOD} keys as a {@link ServiceConfig}: how commands call VOD. */
final class VodAccess {
    private VodAccess() {
    }

    /** Credentials (required), endpoint, region and SubAppId; a missing or malformed one is a ConfigException. */
    static ServiceConfig config(Settings s) {
        ServiceConfig c = ServiceConfig.defaults().withCredentials(s.required(SECRET_ID), s.required(SECRET_KEY));
        c = s.value(VOD_ENDPOINT).map(c::withVodEndpoint).orElse(c);
        c = s.value(REGION).map(c::withRegion).orElse(c);
        return s.value(SUBAPPID).map(c::withSubAppId).orElse(c);
    }
}
