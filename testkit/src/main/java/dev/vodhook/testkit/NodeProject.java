package dev.vodhook.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small Node project of a module's tests ({@code src/test/node}), installed with {@code npm ci} into
 * {@code target/<name>} (again only when its package-lock.json changed), and its scripts run with {@code node}.
 * Without node and npm on PATH the calling test is skipped, or fails when {@code VODHOOK_REQUIRE_NODE=1} (CI).
 */
public final class NodeProject {
    public static final String REQUIRE_NODE = "VODHOOK_REQUIRE_NODE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path source;
    private final Path work;
    private final String what;

    /** @param what what the project checks, for the skip message (e.g. "the Standard Webhooks verification") */
    public NodeProject(Path source, Path work, String what) {
        this.source = source;
        this.work = work;
        this.what = what;
    }

    /** {@code src/test/node}, installed into {@code target/<name>}. */
    public static NodeProject of(String name, String what) {
        return new NodeProject(Path.of("src", "test", "node"), Path.of("target", name), what);
    }

    /** Checks node and npm are there (or skips the test), then installs the project if needed. */
    public NodeProject install() throws Exception {
        requireTools();
        Files.createDirectories(work);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, work.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path stamp = work.resolve("node_modules").resolve(".installed-lock-sha256");
        String lock = sha256(work.resolve("package-lock.json"));
        if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
            return this;
        }
        Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), Map.of(),
                Duration.ofMinutes(5));
        if (npm.exitCode() != 0) {
            fail("npm ci in " + work.toAbsolutePath() + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
        }
        Files.writeString(stamp, lock);
        return this;
    }

    /** Runs {@code node <script>} in the project with {@code env}; the last line of JSON it printed. */
    public JsonNode node(String script, Map<String, String> env) throws Exception {
        Result result = run(List.of("node", script), env, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            fail("node " + script + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        String last = result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("node " + script + " printed no JSON:\n" + result.output()));
        return JSON.readTree(last);
    }

    /** Where the project is installed, for files a script reads. */
    public Path work() {
        return work;
    }

    private void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("node", "npm")) {
            if (!works(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String found = String.join(" and ", missing) + " not found on PATH";
        if ("1".equals(System.getenv(REQUIRE_NODE))) {
            fail(found + ", but " + REQUIRE_NODE + "=1 requires " + what + " to run; install Node.js 18+");
        }
        assumeTrue(false, found + ": " + what + " is skipped (set " + REQUIRE_NODE + "=1 to make this a failure,"
                + " as CI does)");
    }

    private boolean works(String tool) {
        try {
            return run(List.of(tool, "--version"), Map.of(), Duration.ofSeconds(30)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile().exists() ? work.toFile() : null)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile("node-project-", ".log");
        try {
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
