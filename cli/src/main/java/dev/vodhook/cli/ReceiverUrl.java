package dev.vodhook.cli;

import java.net.URI;
import picocli.CommandLine.Option;

/** {@code --url}: where the receiver's REST API is, for the commands that talk to a running receiver. */
public final class ReceiverUrl {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "the receiver's base URL (default ${DEFAULT-VALUE})")
    String url;

    ReceiverApi api() {
        try {
            URI base = URI.create(url.strip());
            if (base.getScheme() == null || base.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return new ReceiverApi(base);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--url must look like http://127.0.0.1:8080, got '" + url + "'");
        }
    }
}
