package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.ConfigKeys;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.processing.UploadAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void fileThenEnvThenFlags() throws Exception {
        Path file = dir.resolve("config.yaml");
        writePrivate(file, """
                secret-id: AKIDfile
                secret-key: keyfile
                region: ap-shanghai
                definitions: [100010, 100030]
                subappid: 1500000001
                """);
        Settings s = Settings.empty().withFile(file)
                .withEnv(Map.of("SECRET_KEY", "keyenv", "VODHOOK_SUBAPPID", "1500000002", "VODHOOK_REGION", "ap-beijing"))
                .withFlags(flags("region", "ap-chengdu"));

        assertThat(s.get("secret-id")).contains("AKIDfile");
        assertThat(s.get("secret-key")).contains("keyenv");
        assertThat(s.get("subappid")).contains("1500000002");
        assertThat(s.get("region")).contains("ap-chengdu");
        assertThat(s.get("definitions")).contains("100010,100030");
        assertThat(s.origins()).containsEntry("secret-id", "file " + file).containsEntry("region", "flag")
                .containsEntry("secret-key", "environment");
    }

    @Test
    void appIdIsTheAccountsAppIdAndNeverTheSubAppId() {
        Map<String, String> env = Map.of("APPID", "1250000000", "SECRET_ID", "AKID1");
        Settings s = Settings.empty().withEnv(env);

        assertThat(s.get("subappid")).isEmpty();
        assertThat(s.get("secret-id")).contains("AKID1");
        assertThat(Settings.appIdWarning(env, s)).hasValueSatisfying(w -> assertThat(w)
                .contains("APPID (1250000000) is the account's APPID, not a VOD SubAppId").contains("VODHOOK_SUBAPPID"));
        assertThat(Settings.accountAppId(env)).contains(1250000000L);
    }

    @Test
    void noAppIdWarningWhenTheSubAppIdIsSetOrAppIdIsNot() {
        Map<String, String> both = Map.of("APPID", "1250000000", "VODHOOK_SUBAPPID", "1500000001");
        Settings s = Settings.empty().withEnv(both);
        assertThat(s.get("subappid")).contains("1500000001");
        assertThat(Settings.appIdWarning(both, s)).isEmpty();
        assertThat(Settings.appIdWarning(Map.of(), Settings.empty().withFlags(flags("subappid", "1500000003")))).isEmpty();
        assertThat(Settings.appIdWarning(Map.of(), Settings.empty())).isEmpty();
        assertThat(Settings.accountAppId(Map.of())).isEmpty();
    }

    @Test
    void aMalformedAppIdIsAClearError() {
        assertThatThrownBy(() -> Settings.accountAppId(Map.of("APPID", "my-app")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("account's APPID").hasMessageContaining("my-app");
    }

    @Test
    void secretsAreNeverDescribed() {
        Settings s = Settings.empty().withFlags(flags("secret-key", "hunter2", "callback-token", "tok3n", "secret-id", "AKID1"));
        assertThat(String.join("\n", s.describe())).doesNotContain("hunter2").doesNotContain("tok3n").contains("AKID1");
    }

    @Test
    void unknownKeysNameTheKnownOnes() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "secret_id: x\nsecrte-key: y\n");
        assertThatThrownBy(() -> Settings.empty().withFile(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'secrte-key'")
                .hasMessageContaining("secret-key");
    }

    @Test
    void missingOrBrokenFilesAreClearErrors() throws Exception {
        assertThatThrownBy(() -> Settings.empty().withFile(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "secret-id: [unclosed\n");
        assertThatThrownBy(() -> Settings.empty().withFile(broken))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void receiverConfigValidatesValues() {
        Settings noKey = Settings.empty().withFlags(flags("secret-id", "AKID1"));
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(noKey)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret-key");
        Settings badPort = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b", "port", "70000"));
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(badPort)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("port must be between");
        Settings badDefs = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b", "definitions", "100010,abc"));
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(badDefs)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'abc'");
    }

    @Test
    void receiverConfigTakesEverySetting() {
        Settings s = Settings.empty().withFlags(flags("secret-id", "AKID1", "secret-key", "k", "port", "0",
                "definitions", "[100020]", "subappid", "1500000003", "vod-endpoint", "http://127.0.0.1:9000",
                "database", "jdbc:sqlite:/tmp/x.db"));
        var config = ReceiverOptions.serviceConfig(s);
        assertThat(config.port()).isZero();
        assertThat(config.definitions()).containsExactly(100020);
        assertThat(config.subAppId()).contains(1500000003L);
        assertThat(config.vodEndpoint()).isEqualTo(java.net.URI.create("http://127.0.0.1:9000"));
        assertThat(config.databaseUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(config.toString()).doesNotContain("secret-key=k,").doesNotContain("=k]");
    }

    @Test
    void intakeModeAndDedupeRetentionAreSettings() {
        Settings s = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b", "intake", "Both",
                "dedupe-retention", "5d"));

        var config = ReceiverOptions.serviceConfig(s);

        assertThat(config.intake().mode()).isEqualTo(dev.vodhook.service.intake.IntakeMode.BOTH);
        assertThat(config.intake().dedupeRetention()).isEqualTo(java.time.Duration.ofDays(5));
        assertThat(ConfigKeys.names()).contains("intake", "dedupe-retention");
        assertThat(ReceiverOptions.serviceConfig(Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b")))
                .intake().mode()).isEqualTo(dev.vodhook.service.intake.IntakeMode.PUSH);
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(Settings.empty().withFlags(flags("secret-id", "a",
                "secret-key", "b", "intake", "sideways")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("push, pull or both");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(Settings.empty().withFlags(flags("secret-id", "a",
                "secret-key", "b", "dedupe-retention", "2d")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 4 days");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(Settings.empty().withFlags(flags("secret-id", "a",
                "secret-key", "b", "dedupe-retention", "soon")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("a duration like");
    }

    @Test
    void onUploadAndTheReconcilerAreSettings() throws Exception {
        Path file = dir.resolve("actions.yaml");
        writePrivate(file, """
                secret-id: a
                secret-key: b
                on-upload: procedure
                procedure: LongVideoPreset
                reconcile-after: 15m
                """);
        var config = ReceiverOptions.serviceConfig(Settings.empty().withFile(file)
                .withEnv(Map.of("VODHOOK_RECONCILE_EVERY", "PT30S")));

        assertThat(config.processing().onUpload()).isEqualTo(UploadAction.PROCEDURE);
        assertThat(config.processing().procedure()).contains("LongVideoPreset");
        assertThat(config.processing().reconcileAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.processing().reconcileEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.redacted()).contains("on-upload=procedure procedure=LongVideoPreset");
    }

    @Test
    void theUploadActionDefaultsToTranscodeOrToTheProcedureNamed() {
        Settings base = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b"));
        assertThat(ReceiverOptions.serviceConfig(base).processing().onUpload()).isEqualTo(UploadAction.TRANSCODE);
        assertThat(ReceiverOptions.serviceConfig(base.withFlags(flags("procedure", "LongVideoPreset"))).processing()
                .onUpload()).isEqualTo(UploadAction.PROCEDURE);
        assertThat(ReceiverOptions.serviceConfig(base.withFlags(flags("on-upload", "NONE"))).processing().onUpload())
                .isEqualTo(UploadAction.NONE);
        assertThat(List.of("90", "90s", "2m", "1h", "1d", "PT10M")).map(v -> base.withFlags(flags("reconcile-after", v))
                        .value(ConfigKeys.RECONCILE_AFTER).orElseThrow())
                .containsExactly(Duration.ofSeconds(90), Duration.ofSeconds(90), Duration.ofMinutes(2),
                        Duration.ofHours(1), Duration.ofDays(1), Duration.ofMinutes(10));
    }

    @Test
    void theFlagsReachTheSettings() {
        ReceiverOptions options = new ReceiverOptions();
        new picocli.CommandLine(options).parseArgs("--secret-id", "a", "--secret-key", "b", "--on-upload-procedure",
                "LongVideoPreset", "--reconcile-after", "5m", "--reconcile-every", "20s");

        var processing = ReceiverOptions.serviceConfig(options.settings(Map.of())).processing();

        assertThat(processing.onUpload()).isEqualTo(UploadAction.PROCEDURE);
        assertThat(processing.procedure()).contains("LongVideoPreset");
        assertThat(processing.reconcileAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(processing.reconcileEvery()).isEqualTo(Duration.ofSeconds(20));
        new picocli.CommandLine(options).parseArgs("--secret-id", "a", "--secret-key", "b", "--on-upload", "none");
        assertThat(ReceiverOptions.serviceConfig(options.settings(Map.of())).processing().onUpload())
                .isEqualTo(UploadAction.NONE);
    }

    @Test
    void badUploadActionsAndDurationsAreClearErrors() {
        Settings base = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b"));
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("on-upload", "transcribe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("transcode, procedure or none");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("on-upload", "procedure"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no procedure is set");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("reconcile-after", "soon"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("reconcile-after must be a duration");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("reconcile-every", "0s"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be positive");
    }

    @Test
    void verifyUploadsIsOnUnlessTurnedOffInTheFileTheEnvironmentOrAFlag() throws Exception {
        Settings base = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b"));
        assertThat(ReceiverOptions.serviceConfig(base).processing().verifyUploads()).isTrue();
        Path file = dir.resolve("verify.yaml");
        writePrivate(file, "secret-id: a\nsecret-key: b\nverify-uploads: false\n");
        assertThat(ReceiverOptions.serviceConfig(Settings.empty().withFile(file)).processing().verifyUploads())
                .isFalse();
        assertThat(ReceiverOptions.serviceConfig(base.withEnv(Map.of("VODHOOK_VERIFY_UPLOADS", "FALSE")))
                .processing().verifyUploads()).isFalse();

        ReceiverOptions options = new ReceiverOptions();
        new picocli.CommandLine(options).parseArgs("--secret-id", "a", "--secret-key", "b", "--verify-uploads=false");
        var config = ReceiverOptions.serviceConfig(options.settings(Map.of()));
        assertThat(config.processing().verifyUploads()).isFalse();
        assertThat(config.redacted()).contains("verify-uploads=false");
        new picocli.CommandLine(options).parseArgs("--secret-id", "a", "--secret-key", "b", "--verify-uploads");
        assertThat(ReceiverOptions.serviceConfig(options.settings(Map.of())).processing().verifyUploads()).isTrue();

        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("verify-uploads", "maybe"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("verify-uploads must be true or false");
    }

    @Test
    void aConfigFileHoldingASecretMustBeItsOwnersAlone() throws Exception {
        Path file = dir.resolve("vodhook.yaml");
        Files.writeString(file, "secret-id: AKID1\nsecret-key: hunter2\nadmin-token: adm1n\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Settings.empty().withFile(file)).isInstanceOf(ConfigException.class)
                .hasMessage("config file " + file + " holds admin-token, secret-key but its group or others may read or"
                        + " change it (rw-r--r--); make it yours alone:  chmod 600 " + file
                        + "  (or start with --insecure-config)");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        assertThatThrownBy(() -> Settings.empty().withFile(file)).hasMessageContaining("chmod 600");
        assertThat(Settings.empty().withFile(file, true).get("secret-key")).as("--insecure-config").contains("hunter2");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(Settings.empty().withFile(file).get("admin-token")).contains("adm1n");
    }

    @Test
    void aConfigFileWithoutSecretsMayBeReadByOthers() throws Exception {
        Path file = dir.resolve("public.yaml");
        Files.writeString(file, "region: ap-shanghai\nsecret-key: ''\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(Settings.empty().withFile(file).get("region")).contains("ap-shanghai");
    }

    @Test
    void theInsecureConfigFlagReachesTheFileCheck() throws Exception {
        Path file = dir.resolve("shared.yaml");
        Files.writeString(file, "secret-id: a\nsecret-key: b\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ReceiverOptions options = new ReceiverOptions();

        new picocli.CommandLine(options).parseArgs("--config", file.toString());
        assertThatThrownBy(() -> options.settings(Map.of())).hasMessageContaining("chmod 600");
        new picocli.CommandLine(options).parseArgs("--config", file.toString(), "--insecure-config");
        assertThat(options.settings(Map.of()).get("secret-key")).contains("b");
    }

    @Test
    void theAdminListenerTokensAndSignKeysAreSettings() {
        Settings s = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b", "admin-port", "9081",
                "admin-host", "0.0.0.0", "sign-key", "NewKey1,OldKey2", "sign-skew", "30s"))
                .withEnv(Map.of("VODHOOK_ADMIN_TOKEN", "adm1n", "VODHOOK_READ_TOKEN", "r3ad"));

        var config = ReceiverOptions.serviceConfig(s);

        assertThat(config.admin().port()).isEqualTo(9081);
        assertThat(config.admin().host()).isEqualTo("0.0.0.0");
        assertThat(config.admin().token()).contains("adm1n");
        assertThat(config.admin().readToken()).contains("r3ad");
        assertThat(config.signature().keys()).containsExactly("NewKey1", "OldKey2");
        assertThat(config.signature().skew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(String.join("\n", s.describe())).doesNotContain("adm1n", "r3ad", "NewKey1", "OldKey2")
                .contains("admin-token = ****", "read-token = ****", "sign-key = ****");
        assertThat(config.redacted()).doesNotContain("adm1n", "r3ad", "NewKey1", "OldKey2");
    }

    @Test
    void anExposedOperatorSideIsRefusedWithTheReason() {
        Settings base = Settings.empty().withFlags(flags("secret-id", "a", "secret-key", "b"));

        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("admin-host", "0.0.0.0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set admin-token");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("host", "0.0.0.0",
                "admin-port", "8080")))).isInstanceOf(ConfigException.class).hasMessageContaining("equals port");
        assertThatThrownBy(() -> ReceiverOptions.serviceConfig(base.withFlags(flags("sign-key", "not-a-key"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a VOD SignKey")
                .hasMessageNotContaining("not-a-key");
        assertThat(ReceiverOptions.serviceConfig(base.withFlags(flags("admin-port", "8080"))).sharedListener())
                .as("one port on loopback").isTrue();
    }

    private static void writePrivate(Path file, String text) throws java.io.IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static Map<String, String> flags(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
