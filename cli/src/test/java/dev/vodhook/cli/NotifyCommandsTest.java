package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.signing.WebhookSignature;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.NotificationType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The notify settings, {@code vodhook notify test} and {@code vodhook deliveries} against real servers. */
class NotifyCommandsTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OTHER = "whsec_dGhpcyBpcyBhIHNlY29uZCBzZWNyZXQgb2YgMzIgYnl0ZXMh";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<String> verified = new CopyOnWriteArrayList<>();
    private HttpServer app;

    @BeforeEach
    void startApp() throws Exception {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        app.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                var result = WebhookSignature.verify(List.of(WebhookSignature.key(SECRET)), h.getFirst("webhook-id"),
                        h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"), body, Instant.now(),
                        WebhookSignature.DEFAULT_TOLERANCE);
                if (result == WebhookSignature.Verification.VALID) {
                    verified.add(new ObjectMapper().readTree(body).path("type").asText());
                }
                int status = result == WebhookSignature.Verification.VALID ? 204 : 401;
                exchange.sendResponseHeaders(status, -1);
            }
        });
        app.start();
    }

    @AfterEach
    void stopApp() {
        app.stop(0);
    }

    String appUrl() {
        return "http://127.0.0.1:" + app.getAddress().getPort() + "/hooks";
    }

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void endpointsComeFromTheFileOrTheEnvironmentAndTheirSecretsAreNeverDescribed() throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, """
                notify:
                  - url: https://app.example/hooks/all
                    secret: [%s, %s]
                  - url: https://ops.example/hooks/failures
                    secret: %s
                    types: [media.failed, media.deleted]
                notify-retry: 10s,1m,1h
                notify-timeout: 5s
                """.formatted(SECRET, OTHER, OTHER));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Settings s = Settings.empty().withFile(file).withEnv(Map.of("VODHOOK_NOTIFY_URL", "https://one.example/h",
                "VODHOOK_NOTIFY_SECRET", SECRET));
        NotifySettings n = ReceiverOptions.notifications(s);

        assertThat(n.endpoints()).hasSize(3);
        assertThat(n.endpoints().get(0).secrets()).containsExactly(SECRET, OTHER);
        assertThat(n.endpoints().get(1).types()).containsExactlyInAnyOrder(NotificationType.FAILED,
                NotificationType.DELETED);
        assertThat(n.endpoints().get(2).url()).isEqualTo(URI.create("https://one.example/h"));
        assertThat(n.retry().waits()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1));
        assertThat(n.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(String.join("\n", s.describe())).doesNotContain(SECRET.substring(6)).doesNotContain(OTHER.substring(6))
                .contains("https://ops.example/hooks/failures");
    }

    @Test
    void badEndpointsGetAClearError() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "notify:\n  - url: https://app.example/h\n    secret: hunter2\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ReceiverOptions.notifications(Settings.empty().withFile(file)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whsec_").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ReceiverOptions.notifications(Settings.empty().withEnv(Map.of(
                "VODHOOK_NOTIFY_URL", "https://app.example/h")))).hasMessageContaining("notify-secret");
        Files.writeString(file, "notify:\n  - url: https://app.example/h\n    secret: " + SECRET + "\n    types: [media.done]\n");
        assertThatThrownBy(() -> ReceiverOptions.notifications(Settings.empty().withFile(file)))
                .hasMessageContaining("unknown notification type 'media.done'");
    }

    @Test
    void notifyTestSendsASignedSampleOfEachType() {
        assertThat(run("notify", "test", appUrl(), "--secret", SECRET)).isZero();

        assertThat(verified).containsExactly("media.uploaded", "media.created", "media.processing", "media.ready",
                "media.failed", "media.deleted");
        assertThat(out.toString()).contains("every sample was accepted");
        assertThat(run("notify", "test", appUrl(), "--secret", OTHER)).as("the app refuses a wrong secret").isEqualTo(1);
        assertThat(out.toString()).contains("401").contains("6 sample(s) not accepted");
    }

    @Test
    void deliveriesListsAndReplaysWhatAReceiverSent() throws Exception {
        ServiceConfig config = ServiceConfig.defaults().withPort(0).withAdminPort(0).withDatabaseUrl("jdbc:sqlite:" + dir.resolve("db"))
                .withCredentials("AKIDtest", "key").withNotifications(ReceiverOptions.notifications(Settings.empty()
                        .withEnv(Map.of("VODHOOK_NOTIFY_URL", appUrl(), "VODHOOK_NOTIFY_SECRET", SECRET))));
        try (VodhookServer server = VodhookServer.start(config, (fileId, definitions, sessionId, context) ->
                ProcessMediaResult.started("task-" + fileId, "req"))) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/callback"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":"
                            + "{\"FileId\":\"101\"}}")).build(), HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(60)).until(() -> verified.size() == 2);
            assertThat(verified).containsExactly("media.uploaded", "media.processing");

            assertThat(run("deliveries", "--url", server.adminUrl(), "--media", "101")).isZero();
            assertThat(out.toString()).contains("media.uploaded", "media.processing", "DELIVERED", "204");
            long id = server.database().outbox().log().list(DeliveryFilter.all(), 10).getLast().id();
            assertThat(run("deliveries", "replay", String.valueOf(id), "--url", server.adminUrl())).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() -> verified.size() == 3);
            assertThat(server.database().outbox().log().find(id).orElseThrow().status())
                    .isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(run("deliveries", "replay", "--dead", "--url", server.adminUrl())).isEqualTo(2);
            assertThat(err.toString()).contains("--dead needs --endpoint");
            assertThat(run("deliveries", "replay", "--dead", "--endpoint", appUrl(), "--url", server.adminUrl())).isZero();
            assertThat(out.toString()).contains("0 DEAD deliveries to " + appUrl() + " replayed; nothing to do");
        }
    }
}
