package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --url} and {@code --admin-token}: where the receiver's operator API is (its admin listener) and the
 * token it wants, for the commands that talk to a running receiver.
 */
public final class ReceiverUrl {

    @Option(names = {"--url", "--admin-url"}, paramLabel = "URL", defaultValue = "http://127.0.0.1:8081",
            description = "the receiver's admin listener (default ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:VODHOOK_ADMIN_TOKEN}",
            description = "the receiver's admin or read token (default: env VODHOOK_ADMIN_TOKEN)")
    String adminToken;

    ReceiverApi api() {
        URI base;
        try {
            base = URI.create(url.strip());
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--url must look like http://127.0.0.1:8081, got '" + url + "'");
        }
        return new ReceiverApi(base, Optional.ofNullable(adminToken).map(String::strip).filter(t -> !t.isEmpty()));
    }
}
