package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.ConfigKey;
import dev.vodhook.cli.config.ConfigKeys;
import dev.vodhook.cli.config.ConfigTable;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.ServiceConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The config keys' declarations against what depends on them: the docs, the receiver's defaults, flags, env. */
class ConfigKeysTest {
    private static final Path OPERATING = Path.of("..", "docs", "operating.md");
    private static final Map<String, String> CREDENTIALS = Map.of("secret-id", "AKID1", "secret-key", "k");

    @TempDir
    Path dir;

    @Test
    void theDocsTableIsTheDeclarations() throws Exception {
        String doc = Files.readString(OPERATING);

        assertThat(table(doc)).as("docs/operating.md is out of date: run ./vodhook config --update-doc"
                + " docs/operating.md").isEqualTo(table(ConfigTable.updated(doc)));
        assertThat(doc).contains("| `secret-id` | `SECRET_ID`, `VODHOOK_SECRET_ID` | `--secret-id` | (required) |",
                "| `procedure` | `VODHOOK_PROCEDURE` | `--on-upload-procedure` | none |",
                "| `port` | `VODHOOK_PORT` | `--port` | `8080` |");
    }

    @Test
    void updatingTheDocsWritesTheTableBetweenTheMarkers() throws Exception {
        Path doc = dir.resolve("operating.md");
        Files.writeString(doc, "# Ops\n\n" + ConfigTable.BEGIN + "\n| stale |\n" + ConfigTable.END + "\n\nAfter.\n");

        assertThat(run("config", "--update-doc", doc.toString())).isZero();

        String written = Files.readString(doc);
        assertThat(written).doesNotContain("| stale |").contains(ConfigTable.markdown()).startsWith("# Ops")
                .endsWith("After.\n");
        assertThat(run("config", "--update-doc", doc.toString())).isZero();
        assertThat(Files.readString(doc)).isEqualTo(written);
        Files.writeString(doc, "no table here\n");
        assertThat(run("config", "--update-doc", doc.toString())).isEqualTo(2);
    }

    @Test
    void everyDeclaredDefaultIsWhatTheReceiverUsesWhenTheKeyIsUnset() {
        ServiceConfig unset = ReceiverOptions.serviceConfig(Settings.empty().withFlags(CREDENTIALS));
        List<String> checked = new ArrayList<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            key.defaultValue().ifPresent(value -> {
                Settings s = Settings.empty().withFlags(CREDENTIALS).withFlags(Map.of(key.name(), value));
                assertThat(ReceiverOptions.serviceConfig(s)).as("%s: %s", key.name(), value).isEqualTo(unset);
                checked.add(key.name());
            });
        }
        assertThat(checked).contains("port", "admin-port", "definitions", "sign-skew", "on-upload", "pullers",
                "dedupe-retention", "notify-retry", "notify-timeout", "verify-uploads", "vod-endpoint");
        assertThat(unset.port()).isEqualTo(ServiceConfig.DEFAULT_PORT);
    }

    @Test
    void everyFlagAndEnvironmentVariableReachesItsKey() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            for (String env : key.env()) {
                Settings s = Settings.empty().withEnv(Map.of(env, "x"));
                assertThat(s.get(key.name())).as(env).contains("x");
                assertThat(s.origins()).containsEntry(key.name(), "environment");
            }
            key.flag().ifPresent(flag -> {
                ReceiverOptions options = new ReceiverOptions();
                new CommandLine(options).parseArgs(flag + "=x");
                assertThat(options.settings(Map.of()).get(key.name())).as(flag).contains("x");
            });
        }
    }

    @Test
    void flagsOfEveryGroupMayComeInAnyOrderAndEachCommandLineStartsAfresh() {
        List<String> args = new ArrayList<>();
        List<ConfigKey<?>> flagged = ConfigKeys.ALL.stream().filter(k -> k.flag().isPresent()).toList();
        for (int i = 0; i < flagged.size(); i++) { // every other group in turn: VOD, listeners, ... interleaved
            ConfigKey<?> key = flagged.get(i % 2 == 0 ? i / 2 : flagged.size() - 1 - i / 2);
            args.add(key.flag().orElseThrow() + "=v-" + key.name());
        }
        ReceiverOptions options = new ReceiverOptions();

        new CommandLine(options).parseArgs(args.toArray(String[]::new));
        Settings all = options.settings(Map.of());
        new CommandLine(options).parseArgs("--port=0");
        Settings one = options.settings(Map.of());

        for (ConfigKey<?> key : flagged) {
            assertThat(all.get(key.name())).as(key.name()).contains("v-" + key.name());
        }
        assertThat(one.values()).containsExactly(Map.entry("port", "0"));
    }

    @Test
    void theNotifyKeysAreForTheFileAndTheEnvironmentOnly() {
        assertThat(ConfigKeys.ALL).filteredOn(k -> k.flag().isEmpty()).extracting(ConfigKey::name)
                .containsExactly("notify", "notify-url", "notify-secret", "notify-retry", "notify-timeout");
        assertThatThrownBy(() -> new CommandLine(new ReceiverOptions()).parseArgs("--notify-secret=whsec_x"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
    }

    @Test
    void aMalformedValueNamesTheKeyWhatItWantsAndWhereItCameFrom() {
        Settings s = Settings.empty().withEnv(Map.of("VODHOOK_PULLERS", "lots"));

        assertThatThrownBy(() -> s.value(ConfigKeys.PULLERS)).isInstanceOf(ConfigException.class)
                .hasMessage("pullers must be a whole number, got 'lots' (environment)");
        assertThatThrownBy(() -> Settings.empty().required(ConfigKeys.SECRET_KEY)).isInstanceOf(ConfigException.class)
                .hasMessage("no secret-key: set it in the config file, env SECRET_KEY, or --secret-key");
    }

    @Test
    void thePackagedExampleConfigUsesDeclaredKeysAndValuesThatParse() throws Exception {
        String example = Files.readString(Path.of("..", "packaging", "vodhook.yaml.example"));
        Path file = dir.resolve("example.yaml");
        Files.writeString(file, example.replaceAll("(?m)^# ([a-z-]+: )", "$1")); // the keys shown commented out too

        Settings s = Settings.empty().withFile(file, true);

        assertThat(s.values()).containsKeys("secret-id", "database", "sign-key", "intake");
        for (String name : s.values().keySet()) {
            ConfigKey<?> key = ConfigKeys.byName(name).orElseThrow();
            if (!s.get(name).orElseThrow().equals("...")) {
                assertThat(s.value(key)).as(name).isPresent();
            }
        }
    }

    @Test
    void theUnknownKeyErrorListsEveryDeclaredKey() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, "regoin: ap-beijing\n");

        assertThatThrownBy(() -> Settings.empty().withFile(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'regoin'; known keys: " + String.join(", ", ConfigKeys.names()));
    }

    private static String table(String doc) {
        return doc.substring(doc.indexOf(ConfigTable.BEGIN), doc.indexOf(ConfigTable.END));
    }

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }
}
