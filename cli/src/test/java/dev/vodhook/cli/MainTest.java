package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, and one clear line (exit 2) for each mistake. */
class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void helpListsEveryCommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "up", "serve", "emulator", "upload", "./vodhook test");
    }

    @Test
    void aNamedCommandIsBuiltAloneAndHelpsAsInTheWholeCommandLine() {
        CommandLine serve = Main.commandLine("serve", "--port", "0");

        assertThat(serve.getSubcommands()).containsOnlyKeys("serve");
        assertThat(serve.getSubcommands().get("serve").getUsageMessage())
                .isEqualTo(Main.commandLine().getSubcommands().get("serve").getUsageMessage());
        assertThat(Main.commandLine("help", "serve").getSubcommands()).hasSize(Main.SUBCOMMANDS.size());
        assertThat(Main.commandLine("sevre").getSubcommands()).hasSize(Main.SUBCOMMANDS.size());
        assertThat(Main.commandLine().getSubcommands()).containsKeys("demo", "up", "serve", "notify", "help");
    }

    @Test
    void serveWithoutCredentialsSaysWhereToSetThem() {
        assertThat(run("serve", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("no secret-id").contains("SECRET_ID");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThat(run("serve", "--config", dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("absent.yaml").contains("does not exist");
    }

    @Test
    void anOperatorSideOnAPublicAddressWithoutATokenDoesNotStart() {
        assertThat(run("serve", "--secret-id", "a", "--secret-key", "b", "--admin-host", "0.0.0.0")).isEqualTo(2);
        assertThat(err.toString()).contains("admin-host 0.0.0.0 is not a loopback address").contains("admin-token");
    }

    @Test
    void aConfigFileOthersMayReadIsRefusedWithTheChmodToRun() throws Exception {
        Path file = dir.resolve("vodhook.yaml");
        java.nio.file.Files.writeString(file, "secret-id: a\nsecret-key: b\n");
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString(
                "rw-r--r--"));

        assertThat(run("serve", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("chmod 600 " + file).contains("--insecure-config");
    }

    @Test
    void theLocalVodRefusesAPublicAddressUnlessAllowed() {
        assertThat(run("emulator", "--host", "0.0.0.0", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("unauthenticated").contains("--allow-remote");
    }

    @Test
    void uploadingAMissingFileIsAClearError() {
        assertThat(run("upload", dir.resolve("absent.mp4").toString(), "--secret-id", "a", "--secret-key", "b",
                "--vod-endpoint", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("absent.mp4").contains("no such file");
    }

    @Test
    void aBadFlagValueIsAUsageError() {
        assertThat(run("demo", "--definitions", "abc")).isEqualTo(2);
        assertThat(err.toString()).contains("abc");
    }
}
