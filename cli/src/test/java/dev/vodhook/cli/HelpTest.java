package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.cli.config.ConfigGroup;
import dev.vodhook.cli.config.ConfigKey;
import dev.vodhook.cli.config.ConfigKeys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help}: each command offers the flags it reads and no others, and the command list reads whole. */
class HelpTest {

    @Test
    void uploadOffersTheVodAccessFlagsAndNoneOfTheReceivers() {
        String help = help("upload", "--help");

        assertThat(help).contains("--secret-id", "--secret-key", "--region", "--subappid", "--vod-endpoint",
                "--config", "--procedure", "--cover", ConfigGroup.VOD.heading() + ":");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            if (key.group() != ConfigGroup.VOD) {
                key.flag().ifPresent(flag -> assertThat(help).as(flag).doesNotContain(flag + "="));
            }
        }
        assertThat(help).doesNotContain("--database", "--intake", "--pullers", "--callback-token",
                "--dedupe-retention", ConfigGroup.LISTENERS.heading());
    }

    @Test
    void serveOffersEveryFlagUnderItsGroupWithItsDefaultAndEnvironment() {
        String help = help("serve", "--help");

        for (ConfigKey<?> key : ConfigKeys.ALL) {
            key.flag().ifPresent(flag -> assertThat(help).as(flag)
                    .containsAnyOf(flag + "=" + key.label(), flag + "[=" + key.label() + "]"));
        }
        assertThat(help).contains(ConfigGroup.VOD.heading() + ":", ConfigGroup.LISTENERS.heading() + ":",
                ConfigGroup.PROCESSING.heading() + ":", ConfigGroup.INTAKE.heading() + ":");
        String processing = help.substring(help.indexOf(ConfigGroup.PROCESSING.heading() + ":"),
                help.indexOf(ConfigGroup.INTAKE.heading() + ":"));
        assertThat(processing).contains("--definitions=IDS", "--on-upload-procedure=NAME").doesNotContain("--database");
        assertThat(help.substring(help.indexOf(ConfigGroup.INTAKE.heading() + ":"))).contains("--database=JDBC-URL");
        assertThat(oneLine(help)).contains("public port: callbacks and /healthz only; 0 picks a free one (default"
                + " 8080; env VODHOOK_PORT)");
    }

    @Test
    void setupOffersTheVodAccessFlagsAndItsOwn() {
        String help = help("setup", "--help");

        assertThat(help).contains("--secret-id", "--vod-endpoint", "--mode", "--callback-url", "--sign-key",
                "--admin-token", "--admin-url");
        assertThat(help).doesNotContain("--database", "--intake", "--on-upload", ConfigGroup.LISTENERS.heading());
    }

    @Test
    void theCommandListShowsEachCommandsWholeFirstSentence() {
        String help = help("--help");
        CommandLine root = Main.commandLine();

        List<String> commands = new ArrayList<>();
        root.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                return; // picocli's own
            }
            String summary = sub.getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as(name).endsWith(".");
            assertThat(oneLine(help)).as(name).contains(name + " " + summary);
            commands.add(name);
        });
        assertThat(commands).contains("serve", "upload", "setup", "config");
        String notify = help("notify", "--help");
        assertThat(oneLine(notify)).contains("test POSTs a signed sample of each notification type to URL and"
                + " prints what it answered.");
    }

    @Test
    void eachCommandOffersTheGroupsItReads() {
        Map<String, Set<ConfigGroup>> offered = new TreeMap<>();
        Main.commandLine().getSubcommands().forEach((name, sub) -> {
            Set<ConfigGroup> groups = EnumSet.noneOf(ConfigGroup.class);
            sub.getCommandSpec().options().forEach(o -> {
                if (o.userObject() instanceof ConfigKey<?> key) {
                    groups.add(key.group());
                }
            });
            if (!groups.isEmpty()) {
                offered.put(name, groups);
            }
        });

        assertThat(offered).isEqualTo(Map.of(
                "serve", EnumSet.of(ConfigGroup.VOD, ConfigGroup.LISTENERS, ConfigGroup.PROCESSING, ConfigGroup.INTAKE),
                "setup", EnumSet.of(ConfigGroup.VOD),
                "upload", EnumSet.of(ConfigGroup.VOD)));
    }

    @Test
    void vodhookConfigSaysWhichCommandsOfferEachGroupsFlags() {
        String list = help("config");

        assertThat(list).contains(ConfigGroup.VOD.heading() + " (flags in serve, upload, setup):",
                ConfigGroup.INTAKE.heading() + " (flags in serve):",
                ConfigGroup.NOTIFICATIONS.heading() + " (config file or env only):",
                "  procedure  --on-upload-procedure\n");
        assertThat(list.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Main.HELP_WIDTH));
    }

    private static String help(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(cmd.execute(args)).isZero();
        return out.toString();
    }

    /** The help with its line breaks and indents folded into single spaces. */
    private static String oneLine(String help) {
        return help.replaceAll("\\s+", " ");
    }
}
