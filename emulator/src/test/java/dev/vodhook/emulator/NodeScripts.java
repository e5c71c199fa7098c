package dev.vodhook.emulator;

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
 * The small Node project under {@code src/test/node}, installed with {@code npm ci} into {@code target/node-contract}
 * (again only when its package-lock.json changed), and its scripts run with {@code node}. Without node and npm on
 * PATH the calling test is skipped, or fails when {@code VODHOOK_REQUIRE_NODE=1} (CI).
 */
final class NodeScripts {

    static final String REQUIRE_NODE = "VODHOOK_REQUIRE_NODE";
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-contract");
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeScripts() {
    }

    /** Checks node and npm are there (or skips the test), then installs the project if needed. */
    static void install() throws Exception {
        requireTools();
        Files.createDirectories(WORK);
        try (Stream<Path> files = Files.list(SOURCE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path stamp = WORK.resolve("node_modules").resolve(".installed-lock-sha256");
        String lock = sha256(WORK.resolve("package-lock.json"));
        if (Files.exists(stamp) && Files.readString(stamp).equals(lock)) {
            return;
        }
        Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), Map.of(),
                Duration.ofMinutes(5));
        if (npm.exitCode() != 0) {
            fail("npm ci in " + WORK.toAbsolutePath() + " failed (exit " + npm.exitCode() + "):\n" + npm.output());
        }
        Files.writeString(stamp, lock);
    }

    /** Runs {@code node <script>} in the project with {@code env}; its one line of JSON output. */
    static JsonNode node(String script, Map<String, String> env) throws Exception {
        Result result = run(List.of("node", script), env, Duration.ofSeconds(60));
        if (result.exitCode() != 0) {
            fail("node " + script + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        String last = result.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("node " + script + " printed no JSON:\n" + result.output()));
        return JSON.readTree(last);
    }

    private static void requireTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("node", "npm")) {
            if (!works(tool)) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String what = String.join(" and ", missing) + " not found on PATH";
        if ("1".equals(System.getenv(REQUIRE_NODE))) {
            fail(what + ", but " + REQUIRE_NODE + "=1 requires the Node SDK contract test to run; install Node.js 18+");
        }
        assumeTrue(false, what + ": the Node SDK contract test is skipped (set " + REQUIRE_NODE
                + "=1 to make this a failure, as CI does)");
    }

    private static boolean works(String tool) {
        try {
            return run(List.of(tool, "--version"), Map.of(), Duration.ofSeconds(30)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile().exists() ? WORK.toFile() : null)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Path log = Files.createTempFile("node-contract-", ".log");
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
