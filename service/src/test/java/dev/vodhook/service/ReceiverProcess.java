package dev.vodhook.service;

import static org.awaitility.Awaitility.await;

import dev.vodhook.service.intake.IntakeMode;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.notify.RetrySchedule;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.testkit.ShiftableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A receiver in a child JVM, so that a test can kill it for real: started with this JVM's {@code java} and the test
 * classpath, it runs {@link #main} (a {@link VodhookServer} on the system clock, settings as {@code key=value}
 * arguments), writes its log to a file and prints {@code READY <base URL> <admin URL>} once it listens. {@link #kill()} is
 * SIGKILL: no shutdown hook, no commit, no confirmation, leases left behind.
 */
final class ReceiverProcess implements AutoCloseable {
    private static final String READY = "READY ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final String adminUrl;

    private ReceiverProcess(Process process, Path log, String urls) {
        this.process = process;
        this.log = log;
        this.baseUrl = urls.split(" ")[0];
        this.adminUrl = urls.split(" ")[1];
    }

    /**
     * Starts a receiver and returns once it listens.
     *
     * @param settings {@code database}, {@code vod-endpoint}, {@code secret-id}, {@code secret-key}; optionally
     *                 {@code intake} (push), {@code pullers}, {@code definitions} (100010), {@code lease-ms}
     *                 (2000), {@code poll-ms} (100), {@code vod-timeout-ms} (the default); {@code notify-url} and
     *                 {@code notify-secret} (an endpoint), {@code notify-timeout-ms} and {@code notify-lease-ms} (15 s
     *                 and 60 s); {@code clock-ahead-ms} (0: how far ahead of the system clock it runs)
     */
    static ReceiverProcess start(Path log, Map<String, String> settings) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), ReceiverProcess.class.getName()));
        settings.forEach((k, v) -> command.add(k + "=" + v));
        try {
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            String url;
            try {
                url = await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> readyLine(log, process), Optional::isPresent).orElseThrow();
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw new IllegalStateException("the receiver process did not start; its log:\n" + tail(log), e);
            }
            return new ReceiverProcess(process, log, url);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a receiver process", e);
        }
    }

    private static Optional<String> readyLine(Path log, Process process) throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the receiver process exited with " + process.exitValue());
        }
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(READY))
                .map(l -> l.substring(READY.length()).trim()).findFirst();
    }

    String baseUrl() {
        return baseUrl;
    }

    /** Where its operator API is. */
    String adminUrl() {
        return adminUrl;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM (a clean shutdown), and waits until the process is gone. */
    void stop() {
        process.destroy();
        waitFor();
    }

    /** The last lines of its log, for failure messages. */
    String logTail() {
        return tail(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void waitFor() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the receiver process " + pid() + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The child: starts the receiver, says where it listens, and runs until killed or terminated. */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        VodhookServer server = VodhookServer.start(config(settings));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println(READY + server.baseUrl() + " " + server.adminUrl());
        System.out.flush();
        stopped.await();
    }

    private static ServiceConfig config(Map<String, String> s) {
        Duration lease = Duration.ofMillis(Long.parseLong(s.getOrDefault("lease-ms", "2000")));
        Duration poll = Duration.ofMillis(Long.parseLong(s.getOrDefault("poll-ms", "100")));
        ShiftableClock clock = ShiftableClock.system();
        clock.jumpAhead(Duration.ofMillis(Long.parseLong(s.getOrDefault("clock-ahead-ms", "0"))));
        NotifySettings notify = NotifySettings.defaults();
        if (s.containsKey("notify-url")) {
            notify = notify.withEndpoints(List.of(NotifyEndpoint.of(s.get("notify-url"), s.get("notify-secret"))))
                    .withRetry(RetrySchedule.parse("1s,2s,5s,10s,30s,1m,5m").withJitter(0))
                    .withTimeout(Duration.ofMillis(Long.parseLong(s.getOrDefault("notify-timeout-ms", "15000"))));
            notify = notify.withLease(Duration.ofMillis(Long.parseLong(s.getOrDefault("notify-lease-ms",
                    String.valueOf(notify.lease().toMillis())))));
        }
        return ServiceConfig.defaults()
                .withClock(clock)
                .withNotifications(notify)
                .withPort(0)
                .withBindHost("127.0.0.1")
                .withAdminPort(0)
                .withDatabaseUrl(s.get("database"))
                .withVodEndpoint(s.get("vod-endpoint"))
                .withCredentials(s.get("secret-id"), s.get("secret-key"))
                .withVodTimeout(Duration.ofMillis(Long.parseLong(s.getOrDefault("vod-timeout-ms",
                        String.valueOf(ServiceConfig.DEFAULT_VOD_TIMEOUT.toMillis())))))
                .withDefinitions(List.of(s.getOrDefault("definitions", "100010").split(",")).stream()
                        .map(Integer::valueOf).toList())
                .withWorker(new WorkerSettings(poll, 16, lease, Duration.ofSeconds(5)))
                .withIntake(IntakeSettings.defaults()
                        .withMode(IntakeMode.parse(s.getOrDefault("intake", "push")))
                        .withPullers(Integer.parseInt(s.getOrDefault("pullers", "2"))));
    }
}
