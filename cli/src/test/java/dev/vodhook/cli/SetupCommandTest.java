package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.cli.config.Settings;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.vod.EventConfigApi;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.service.vod.VodEventConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vodhook setup} against the local VOD through the official SDK, with a receiver running in process (callback
 * token, sign-key, admin token) to take and confirm the probe.
 */
class SetupCommandTest {
    static final String TOKEN = "cbT0ken7";
    static final String SIGN_KEY = "Kx7Q2m9ZpL4v";
    static final String ADMIN_TOKEN = "adm1n-setup";
    static final String OTHER_URL = "http://other.example.com/vod-events";

    @TempDir
    Path dir;

    private LocalVod vod;
    private VodhookServer receiver;
    private final AtomicInteger processed = new AtomicInteger();
    private Path config;
    private String out;
    private String err;

    @BeforeEach
    void start() throws Exception {
        vod = LocalVod.start(EmulatorConfig.defaults().withPort(0));
        receiver = VodhookServer.start(ServiceConfig.defaults().withPort(0).withAdminPort(0)
                .withDatabaseUrl("jdbc:sqlite:" + dir.resolve("vodhook.db"))
                .withCredentials(vod.config().secretId(), vod.config().secretKey())
                .withCallbackToken(TOKEN).withSignKeys(SIGN_KEY).withAdminToken(ADMIN_TOKEN),
                (fileId, definitions, sessionId, context) -> {
                    processed.incrementAndGet();
                    return ProcessMediaResult.started("task-" + fileId, "req");
                });
        config = dir.resolve("vodhook.yaml");
        Files.writeString(config, "# the receiver's config\nadmin-token: " + ADMIN_TOKEN + "\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        receiver.close();
        vod.close();
    }

    @Test
    void refusesToReplaceAnotherCallbackUrlWithExitCode3() throws Exception {
        LocalSubscription.pushTo(vod, vod.config().secretId(), vod.config().secretKey(), OTHER_URL);

        assertThat(setup("--sign-key", SIGN_KEY)).isEqualTo(SetupCommand.REFUSED);

        assertThat(err).contains("refusing", "replace the callback URL " + OTHER_URL, "Someone else may depend on it",
                "production environment", "--force");
        assertThat(out).contains(OTHER_URL);
        assertThat(eventConfig().notificationUrl()).isEqualTo(OTHER_URL);
        assertThat(vod.apiCalls().ofAction("ModifyEventConfig")).hasSize(1);
        assertThat(Files.readString(config)).doesNotContain("sign-key");
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        LocalSubscription.pushTo(vod, vod.config().secretId(), vod.config().secretKey(), OTHER_URL);
        VodEventConfig before = eventConfig();

        assertThat(setup("--dry-run", "--force")).isEqualTo(0);

        assertThat(out).contains("Plan:", "NotificationUrl", OTHER_URL, receiver.baseUrl() + "/callback/<token>", "generated",
                "Dry run: nothing changed").doesNotContain(TOKEN);
        assertThat(eventConfig()).isEqualTo(before);
        assertThat(vod.apiCalls().ofAction("ModifyEventConfig")).hasSize(1);
        assertThat(Files.readString(config)).doesNotContain("sign-key");
    }

    @Test
    void forceAppliesThenTheProbeIsVerifiedByTheReceiverAndTheSecondRunIsANoOp() throws Exception {
        LocalSubscription.pushTo(vod, vod.config().secretId(), vod.config().secretKey(), OTHER_URL);

        assertThat(setup("--force", "--sign-key", SIGN_KEY)).as(err).isEqualTo(0);

        assertThat(eventConfig()).isEqualTo(new VodEventConfig("PUSH", callbackUrl(), "ON", "ON"));
        assertThat(out).contains("Applied with ModifyEventConfig", "Test passed", "verified its Sign/T")
                .doesNotContain(TOKEN).doesNotContain(SIGN_KEY);
        assertThat(Files.readString(config)).contains("# the receiver's config", "admin-token: " + ADMIN_TOKEN,
                "sign-key: \"" + SIGN_KEY + "\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(Settings.empty().withFile(config).get("sign-key")).contains(SIGN_KEY);
        // the probe was answered, never stored as an event nor processed
        assertThat(receiver.database().inbox().countByStatus().values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(processed).hasValue(0);

        int modifies = vod.apiCalls().ofAction("ModifyEventConfig").size();
        assertThat(setup()).as(err).isEqualTo(0);

        assertThat(out).contains("Nothing to change", "Test passed");
        assertThat(vod.apiCalls().ofAction("ModifyEventConfig")).hasSize(modifies);
        assertThat(eventConfig()).isEqualTo(new VodEventConfig("PUSH", callbackUrl(), "ON", "ON"));
    }

    @Test
    void aGeneratedKeyIsWrittenAndAReceiverWithAnotherKeyIsReportedAs401() throws Exception {
        assertThat(setup()).isEqualTo(SetupCommand.TEST_FAILED);

        String key = Settings.empty().withFile(config).get("sign-key").orElseThrow();
        assertThat(key).matches("[A-Za-z0-9]{32}").isNotEqualTo(SIGN_KEY);
        assertThat(eventConfig().notificationUrl()).isEqualTo(callbackUrl());
        assertThat(err).contains("401 signature", "restart it");
        assertThat(out + err).doesNotContain(key);

        // the receiver's key given now replaces the generated one, which stays accepted after it
        assertThat(setup("--sign-key", SIGN_KEY)).as(err).isEqualTo(0);
        assertThat(Settings.empty().withFile(config).get("sign-key")).contains(SIGN_KEY + "," + key);
        assertThat(out).contains("Test passed");
    }

    @Test
    void aWrongTokenIsReportedAs403AndARefusedConnectionAsSuch() throws Exception {
        assertThat(run("--mode", "push", "--sign-key", SIGN_KEY, "--callback-url", receiver.baseUrl() + "/callback/wrong"))
                .as(err).isEqualTo(SetupCommand.TEST_FAILED);
        assertThat(err).as(out).contains("403 token");

        assertThat(run("--mode", "push", "--sign-key", SIGN_KEY, "--force", "--callback-url", "http://127.0.0.1:1/callback/x"))
                .isEqualTo(SetupCommand.TEST_FAILED);
        assertThat(err).contains("connection refused", "127.0.0.1:1");
    }

    @Test
    void pullModeIsRefusedOverAPushUrlThenCheckedWithDescribeEventsState() throws Exception {
        LocalSubscription.pushTo(vod, vod.config().secretId(), vod.config().secretKey(), OTHER_URL);

        assertThat(run("--mode", "pull")).isEqualTo(SetupCommand.REFUSED);
        assertThat(err).contains("reliable callback (PULL)");
        assertThat(run("--mode", "pull", "--force")).as(err).isEqualTo(0);

        assertThat(eventConfig().mode()).isEqualTo("PULL");
        assertThat(out).contains("DescribeEventsState");
        assertThat(run("--mode", "pull")).isEqualTo(0);
        assertThat(out).contains("Nothing to change");
    }

    @Test
    void badFlagsAreClearErrorsAndChangeNothing() throws Exception {
        VodEventConfig before = eventConfig();
        assertThat(run("--mode", "push", "--callback-url", "ftp://example.com/x", "--sign-key", SIGN_KEY)).isEqualTo(2);
        assertThat(err).contains("--callback-url must be an http(s) URL");
        assertThat(run("--mode", "push", "--sign-key", SIGN_KEY)).isEqualTo(2);
        assertThat(err).contains("--mode push needs --callback-url");
        assertThat(run("--mode", "sideways")).isEqualTo(2);
        assertThat(err).contains("--mode must be push or pull");
        assertThat(setup("--sign-key", "not valid!")).isEqualTo(2);
        assertThat(err).contains("1 to 32 letters and digits");
        assertThat(eventConfig()).isEqualTo(before);
        assertThat(vod.apiCalls().ofAction("ModifyEventConfig")).isEmpty();
    }

    private String callbackUrl() {
        return receiver.baseUrl() + "/callback/" + TOKEN;
    }

    private VodEventConfig eventConfig() {
        return EventConfigApi.create(ServiceConfig.defaults().withVodEndpoint(vod.baseUrl())
                .withCredentials(vod.config().secretId(), vod.config().secretKey())).describe();
    }

    /** {@code vodhook setup --mode push --callback-url <receiver's callback route> --config <file> ...}. */
    private int setup(String... more) {
        List<String> args = new ArrayList<>(List.of("--mode", "push", "--callback-url", callbackUrl()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private int run(String... more) {
        List<String> args = new ArrayList<>(List.of("setup", "--config", config.toString(), "--vod-endpoint",
                vod.baseUrl(), "--secret-id", vod.config().secretId(), "--secret-key", vod.config().secretKey(),
                "--admin-url", receiver.adminUrl()));
        args.addAll(List.of(more));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(o, true));
        cmd.setErr(new PrintWriter(e, true));
        int code = cmd.execute(args.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }
}
