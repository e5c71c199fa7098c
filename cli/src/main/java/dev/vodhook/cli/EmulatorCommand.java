package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.LocalVod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vodhook emulator}: the local VOD alone, until interrupted. */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {"Runs the local VOD: the VOD API, upload storage, transcoding and event delivery.",
                "The API is TC3-signed, as the official SDKs call it; transcoding is real, with ffmpeg; events are"
                        + " pushed to --notification-url."})
public final class EmulatorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9000", description = "port to listen on (0 = free port; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE};"
            + " another needs --allow-remote)")
    String host;

    @Option(names = "--allow-remote", description = "listen on a host other than loopback, although the /_emulator/"
            + " inspection and control routes answer anyone unauthenticated")
    boolean allowRemote;

    @Option(names = "--secret-id", description = "SecretId the API accepts (default: the emulator's example key)")
    String secretId;

    @Option(names = "--secret-key", description = "SecretKey the API accepts (default: the emulator's example key)")
    String secretKey;

    @Option(names = "--app-id", description = "AppId used in ids and URLs (default: env APPID, the account's APPID, else "
            + EmulatorConfig.DEFAULT_APP_ID + ")")
    Long appId;

    @Option(names = "--notification-url", description = "where events are pushed (normal callback), e.g. http://127.0.0.1:8080/callback")
    String notificationUrl;

    @Option(names = "--data", description = "directory for the state and stored media, kept across restarts"
            + " (default: in memory and a temporary directory)")
    Path dataDir;

    @Option(names = "--public-url", description = "base of output URLs (default: this emulator's own address)")
    String publicUrl;

    @Option(names = "--rate-limit", description = "answer RequestLimitExceeded above VOD's documented request rates"
            + " (100/s per action and application; DescribeEventsState and ModifyEventConfig 20/s)")
    boolean rateLimit;

    @Option(names = "--ffmpeg", description = "ffmpeg to use (default: ffmpeg on PATH, else the bundled build)")
    Path ffmpeg;

    @Override
    public Integer call() throws Exception {
        EmulatorConfig config = config();
        LocalVod started;
        try {
            started = LocalVod.start(config);
        } catch (EmulatorException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        try (LocalVod vod = started) {
            printHowToUse(spec.commandLine().getOut(), vod, config);
            Shutdown.awaitSignal();
        }
        return 0;
    }

    EmulatorConfig config() {
        EmulatorConfig c = EmulatorConfig.defaults().withHost(host).withPort(port).withAllowRemote(allowRemote);
        if (secretId != null || secretKey != null) {
            if (secretId == null || secretKey == null) {
                throw new ConfigException("give both --secret-id and --secret-key, or neither");
            }
            c = c.withCredentials(secretId, secretKey);
        }
        Optional<Long> account = appId != null ? Optional.of(appId) : Settings.accountAppId(System.getenv());
        if (account.isPresent()) {
            c = c.withAppId(account.get());
        }
        return c.withNotificationUrl(notificationUrl).withDataDir(dataDir).withPublicBaseUrl(publicUrl)
                .withFfmpegPath(ffmpeg).withRateLimit(rateLimit);
    }

    static void printHowToUse(PrintWriter out, LocalVod vod, EmulatorConfig config) {
        out.printf("Local VOD listening on %s (AppId %d); its /_emulator/ inspection and control routes are"
                + " unauthenticated: %s%n", vod.baseUrl(), config.appId(), config.loopbackOnly() ? "this machine only"
                : "anyone who can reach this port may use them (--allow-remote)");
        out.printf("  SecretId %s, SecretKey %s%n", config.secretId(),
                config.secretKey().equals(EmulatorConfig.DEFAULT_SECRET_KEY) ? config.secretKey() + " (the public example key)" : "(as given)");
        out.println("  Java API SDK:    HttpProfile hp = new HttpProfile(); hp.setEndpoint(\"" + vod.endpoint()
                + "\"); hp.setProtocol(HttpProfile.REQ_HTTP);");
        out.println("  Java upload SDK: hp.setProxyHost(\"" + config.host() + "\"); hp.setProxyPort(" + vod.port()
                + "); hp.setProtocol(HttpProfile.REQ_HTTP); new VodUploadClient(id, key, hp)");
        out.println("  Node SDK:        profile: { httpProfile: { endpoint: \"" + vod.endpoint() + "\", protocol: \"http://\" } }");
        out.println("  Go SDK:          cpf := profile.NewClientProfile(); cpf.HttpProfile.Endpoint = \""
                + vod.endpoint() + "\"; cpf.HttpProfile.Scheme = \"HTTP\"");
        out.println("  Python SDK:      HttpProfile(protocol=\"http\", endpoint=\"" + vod.endpoint() + "\")");
        out.println("  vodhook:         ./vodhook serve --vod-endpoint " + vod.baseUrl() + " --secret-id ... --secret-key ...");
        out.println("  Inspect:         " + vod.baseUrl() + "/_emulator/deliveries");
        out.println("  State:           " + config.dataDir().map(d -> "kept in " + d + " across restarts")
                .orElse("in memory (--data DIR keeps it)") + (config.rateLimits().enabled() ? "; rate limits on" : ""));
        out.flush();
    }
}
