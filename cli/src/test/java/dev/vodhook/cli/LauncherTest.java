package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher ({@code ./vodhook}) and the JDK finding it shares with the benchmarks ({@code scripts/java.sh}), run
 * by bash on a fake tree: fake JDKs that print how they were started, a fake {@code mvnw} that counts its builds
 * and writes a numbered jar. No real JVM or Maven is started, so each run takes milliseconds.
 */
class LauncherTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path tree;
    private Path jvms;
    private Path cache;
    private int runs;

    @BeforeEach
    void fakeTreeAndJdks() throws IOException {
        assumeTrue(Files.isRegularFile(REPO.resolve("vodhook")), "the launcher is at the repository root");
        tree = dir.resolve("tree");
        jvms = dir.resolve("jvm");
        cache = dir.resolve("cache");
        Files.createDirectories(tree.resolve("scripts"));
        Files.copy(REPO.resolve("vodhook"), tree.resolve("vodhook"));
        Files.copy(REPO.resolve("scripts/java.sh"), tree.resolve("scripts/java.sh"));
        Files.copy(REPO.resolve("scripts/class-data.sh"), tree.resolve("scripts/class-data.sh"));
        Files.copy(REPO.resolve("scripts/young-generation.sh"), tree.resolve("scripts/young-generation.sh"));
        executable(tree.resolve("mvnw"), """
                #!/bin/sh
                here=$(dirname "$0")
                echo "JAVA_HOME=$JAVA_HOME $*" >>"$here/mvnw.calls"
                if [ -f "$here/fail" ]; then echo "Foo.java:[3,1] class, interface, enum, or record expected"; exit 1; fi
                sleep "${FAKE_BUILD_SECONDS:-0}"
                if [ -n "${FAKE_EDIT_DURING_BUILD:-}" ]; then sleep 0.05; touch "$FAKE_EDIT_DURING_BUILD"; fi
                name=vodhook
                for a; do case "$a" in -Dvodhook.jar.name=*) name="${a#*=}" ;; esac; done
                mkdir -p "$here/cli/target"
                echo "jar $(wc -l <"$here/mvnw.calls")" >"$here/cli/target/$name.jar"
                """);
        write(tree.resolve("pom.xml"), "<project/>");
        write(tree.resolve("cli/pom.xml"), "<project/>");
        write(tree.resolve("cli/src/main/java/Main.java"), "class Main {}");
        write(tree.resolve("cli/src/test/java/MainTest.java"), "class MainTest {}");
        for (int version : List.of(17, 21, 25)) {
            jdk(jvms.resolve("jdk-" + version), version, true);
        }
    }

    @Test
    void aJavaHomeOf21OrNewerIsTakenAsItIs() throws Exception {
        Run run = findJava(Map.of("JAVA_HOME", jvms.resolve("jdk-21").toString()));

        assertThat(run.out()).isEqualTo(jvms.resolve("jdk-21/bin/java") + " " + jvms.resolve("jdk-21"));
    }

    @Test
    void anOldJavaOnPathGivesWayToTheNewestJdkUnderTheJvmDirectory() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(bin.resolve("java"), jvms.resolve("jdk-17/bin/java"));

        Run run = findJava(Map.of("PATH", bin + ":" + tools()));

        assertThat(run.out()).isEqualTo(jvms.resolve("jdk-25/bin/java") + " " + jvms.resolve("jdk-25"));
    }

    @Test
    void javaHomeIsTheRealHomeOfASymlinkedJavaNotTheDirectoryAboveTheLink() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(bin.resolve("java"), jvms.resolve("jdk-21/bin/java"));

        Run run = findJava(Map.of("PATH", bin + ":" + tools()));

        assertThat(run.out()).isEqualTo(bin.resolve("java") + " " + jvms.resolve("jdk-21"));
    }

    @Test
    void aJdkWithoutReleaseFileIsAskedForItsVersion() throws Exception {
        Path other = dir.resolve("other-jvm");
        jdk(other.resolve("jdk-17"), 17, true);
        jdk(other.resolve("bare-22"), 22, false);

        Run run = findJava(Map.of("VODHOOK_JVM_DIR", other.toString()));

        assertThat(run.out()).isEqualTo(other.resolve("bare-22/bin/java") + " " + other.resolve("bare-22"));
    }

    @Test
    void withNoJdkNewEnoughItSaysWhatItLookedAtAndFails() throws Exception {
        Path old = dir.resolve("old-jvm");
        jdk(old.resolve("jdk-17"), 17, true);
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(bin.resolve("java"), old.resolve("jdk-17/bin/java"));

        Run run = findJava(Map.of("JAVA_HOME", dir.resolve("nowhere").toString(), "VODHOOK_JVM_DIR", old.toString(),
                "PATH", bin + ":" + tools()));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("no JDK 21 or newer found", "JAVA_HOME=" + dir.resolve("nowhere") + " (no bin/java)",
                "java on PATH: " + bin.resolve("java") + " (Java 17)", old.resolve("jdk-17/bin/java") + " (Java 17)",
                "set JAVA_HOME");
    }

    @Test
    void buildsTheJarWhenThereIsNoneThenRunsItWithoutBuildingAgain() throws Exception {
        Run first = launcher("--help");
        Run second = launcher("--help");

        assertThat(first.err()).contains("building vodhook");
        assertThat(first.out()).startsWith("java 25 ").endsWith(" -jar " + jar() + " --help");
        assertThat(second.err()).doesNotContain("build");
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(builds()).containsExactly("JAVA_HOME=" + jvms.resolve("jdk-25")
                + " -B -q -f " + tree.resolve("pom.xml") + " -DskipTests -Dvodhook.jar.name=vodhook-next -pl cli -am package");
        assertThat(Files.readString(jar())).isEqualTo("jar 1\n");
        assertThat(tree.resolve("cli/target/vodhook-next.jar")).doesNotExist();
    }

    @Test
    void aChangedTestSourceLeavesTheJarAloneAndAChangedMainSourceRebuildsIt() throws Exception {
        launcher("--help");
        lastBuiltAMinuteAgo();

        editedAfterTheJar(tree.resolve("cli/src/test/java/MainTest.java"));
        launcher("--help");
        assertThat(builds()).hasSize(1);

        editedAfterTheJar(tree.resolve("cli/src/main/java/Main.java"));
        launcher("--help");
        assertThat(builds()).hasSize(2);
    }

    @Test
    void aSourceSavedWhileTheJarWasBuildingMakesTheNextRunRebuild() throws Exception {
        finish(launch(Map.of("FAKE_EDIT_DURING_BUILD", tree.resolve("cli/src/main/java/Main.java").toString()),
                "--help"));
        assertThat(builds()).hasSize(1);

        launcher("--help");
        launcher("--help");
        assertThat(builds()).hasSize(2);
    }

    @Test
    void twoLaunchersStartedTogetherBuildOnceAndBothRun() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/flock")), "flock (util-linux)");
        launcher("--help");
        lastBuiltAMinuteAgo();
        editedAfterTheJar(tree.resolve("cli/src/main/java/Main.java"));

        Started up = launch(Map.of("FAKE_BUILD_SECONDS", "1"), "up");
        Started upload = launch(Map.of("FAKE_BUILD_SECONDS", "1"), "upload");
        Run a = finish(up);
        Run b = finish(upload);

        assertThat(builds()).hasSize(2);
        assertThat(a.exit()).isZero();
        assertThat(b.exit()).isZero();
        assertThat(a.out()).endsWith(" -jar " + jar() + " up");
        assertThat(b.out()).endsWith(" -jar " + jar() + " upload");
    }

    @Test
    void aRebuildReplacesTheJarSoThatARunningJvmKeepsTheOneItOpened() throws Exception {
        launcher("--help");
        lastBuiltAMinuteAgo();
        editedAfterTheJar(tree.resolve("cli/src/main/java/Main.java"));

        try (InputStream running = Files.newInputStream(jar())) {
            launcher("--help");
            assertThat(new String(running.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("jar 1\n");
        }
        assertThat(Files.readString(jar())).isEqualTo("jar 2\n");
    }

    @Test
    void eachJarHasItsOwnClassDataArchiveSoThatAJvmOfTheOldJarCannotSpoilTheNewOnes() throws Exception {
        launcher("up");
        lastBuiltAMinuteAgo();
        Path old = archive("up");
        editedAfterTheJar(tree.resolve("cli/src/main/java/Main.java"));
        launcher("upload");
        write(old, "written at exit by the JVM of the old jar, after the jar was rebuilt");

        Run run = launcher("up");

        assertThat(archive("up")).isNotEqualTo(old);
        assertThat(run.out()).contains(" -XX:AOTCacheOutput=" + archive("up") + " ");
        assertThat(old).doesNotExist();
    }

    @Test
    void onJava25TheFirstRunRecordsAnAotCacheWithItsMessagesOffAndLaterRunsStartFromIt() throws Exception {
        Run first = launcher("serve");
        write(archive("serve"), "assembled by the first run's JVM at its exit");

        Run second = launcher("serve");

        assertThat(first.out()).contains(" -XX:AOTCacheOutput=" + archive("serve") + " ", " -XX:-DisplayVMOutput ")
                .doesNotContain("-XX:AOTCache=");
        assertThat(second.out()).contains(" -XX:AOTCache=" + archive("serve") + " ")
                .doesNotContain("AOTCacheOutput", "DisplayVMOutput");
    }

    @Test
    void theYoungGenerationIsAFifthOfTheMaximumHeapUnlessTheOptionsSizeItOrPickACollector() throws Exception {
        Run defaults = launcher("serve");
        Run small = finish(launch(Map.of("VODHOOK_JAVA_OPTS", "-Xmx256m"), "serve"));
        Run sized = finish(launch(Map.of("VODHOOK_JAVA_OPTS", "-Xmx256m -Xmn16m"), "serve"));
        Run g1 = finish(launch(Map.of("VODHOOK_JAVA_OPTS", "-XX:+UseG1GC -Xmx1g"), "serve"));
        Run odd = finish(launch(Map.of("VODHOOK_JAVA_OPTS", "-Xmx1.5g"), "serve"));

        assertThat(defaults.out()).contains(" -XX:NewSize=76m -Xmx384m -jar ");
        assertThat(small.out()).contains(" -XX:NewSize=51m -Xmx256m -jar ");
        assertThat(sized.out()).contains(" -XX:InitialRAMPercentage=0.125 -Xmx256m -Xmn16m -jar ");
        assertThat(g1.out()).doesNotContain("NewSize");
        assertThat(odd.exit()).isZero();
        assertThat(odd.out()).contains(" -Xmx1.5g -jar ").doesNotContain("NewSize");
    }

    @Test
    void beforeJava25ItWritesADynamicClassDataArchive() throws Exception {
        Run run = finish(launch(Map.of("JAVA_HOME", jvms.resolve("jdk-21").toString()), "serve"));

        assertThat(run.out()).startsWith("java 21 ").contains(" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="
                + archive("serve").toString().replace(".aot", ".jsa") + " ").doesNotContain("AOT");
    }

    @Test
    void aFailedBuildShowsTheEndOfItsLogAndNamesIt() throws Exception {
        write(tree.resolve("fail"), "");

        Run run = launcher("--help");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("build failed; the last lines of " + cache.resolve("vodhook/build.log"),
                "class, interface, enum, or record expected");
    }

    @Test
    void testRunsMavenVerifyWithTheJdkItFound() throws Exception {
        launcher("test", "-pl", "cli");

        assertThat(builds()).containsExactly("JAVA_HOME=" + jvms.resolve("jdk-25") + " -B -f " + tree.resolve("pom.xml")
                + " verify -pl cli");
    }

    /** Runs scripts/java.sh's use_java with a PATH of the tools it needs and no java, plus {@code env}. */
    private Run findJava(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(Map.of("PATH", tools().toString()));
        all.putAll(env);
        return finish(start(all, List.of(tool("bash"), "-c",
                "set -euo pipefail; . " + tree.resolve("scripts/java.sh") + "; use_java; echo \"$java_bin $JAVA_HOME\"")));
    }

    /** Runs the launcher with JAVA_HOME at the fake JDK 25. */
    private Run launcher(String... args) throws Exception {
        return finish(launch(Map.of(), args));
    }

    /** Starts the launcher with JAVA_HOME at the fake JDK 25 unless {@code env} has another. */
    private Started launch(Map<String, String> env, String... args) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("JAVA_HOME", jvms.resolve("jdk-25").toString());
        List<String> command = new ArrayList<>(List.of(tool("bash"), tree.resolve("vodhook").toString()));
        command.addAll(List.of(args));
        return start(all, command);
    }

    private Started start(Map<String, String> env, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("VODHOOK_JAVA_OPTS");
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().put("VODHOOK_JVM_DIR", jvms.toString());
        pb.environment().putAll(env);
        String name = "run-" + runs++;
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        return new Started(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    private static Run finish(Started started) throws Exception {
        assertThat(started.process().waitFor(30, TimeUnit.SECONDS)).as("finished within 30 s").isTrue();
        return new Run(started.process().exitValue(), Files.readString(started.out()).strip(),
                Files.readString(started.err()));
    }

    private record Started(Process process, Path out, Path err) {
    }

    private record Run(int exit, String out, String err) {
    }

    /** A directory with the tools scripts/java.sh uses, those found on this PATH, and no java. */
    private Path tools() throws IOException {
        Path tools = dir.resolve("tools");
        if (!Files.isDirectory(tools)) {
            for (String name : List.of("dirname", "readlink", "sed", "head", "awk", "cut")) {
                executable(tools.resolve(name), "#!/bin/sh\nexec " + tool(name) + " \"$@\"\n");
            }
        }
        return tools;
    }

    private static String tool(String name) {
        return Arrays.stream(System.getenv("PATH").split(":")).map(d -> Path.of(d, name)).filter(Files::isExecutable)
                .findFirst().map(Path::toString).orElseThrow(() -> new AssertionError(name + " is not on PATH"));
    }

    /** A JDK home: bin/java prints "java VERSION ARGS..." and answers -XshowSettings; a release file if asked. */
    private static void jdk(Path home, int version, boolean release) throws IOException {
        executable(home.resolve("bin/java"), """
                #!/bin/sh
                case "$1" in -XshowSettings*) echo "    java.specification.version = %1$d" >&2; exit 0 ;; esac
                echo "java %1$d $*"
                """.formatted(version));
        if (release) {
            write(home.resolve("release"), "IMPLEMENTOR=\"fake\"\nJAVA_VERSION=\"%d.0.1\"\n".formatted(version));
        }
    }

    /** The class-data archive (an AOT cache: the JDK is 25) of a command for the jar there is now. */
    private Path archive(String command) throws IOException {
        return tree.resolve("cli/target/vodhook-" + command + "-" + Files.getLastModifiedTime(jar()).toMillis() / 1000
                + ".aot");
    }

    private Path jar() {
        return tree.resolve("cli/target/vodhook.jar");
    }

    private List<String> builds() throws IOException {
        Path calls = tree.resolve("mvnw.calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** Every file of the tree two minutes old, the jar one minute. */
    private void lastBuiltAMinuteAgo() throws IOException {
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(120)));
            }
        }
        Files.setLastModifiedTime(jar(), FileTime.from(Instant.now().minusSeconds(60)));
    }

    private static void editedAfterTheJar(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(30)));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void executable(Path file, String text) throws IOException {
        write(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
