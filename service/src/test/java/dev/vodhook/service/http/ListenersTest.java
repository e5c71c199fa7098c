package dev.vodhook.service.http;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.service.Http;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.testkit.SettableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two doors: callbacks on the public listener, everything an operator uses on the admin one. */
class ListenersTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    ServiceConfig config() {
        return TestReceivers.config(dir, clock);
    }

    @Test
    void onAPublicAddressThePublicListenerAnswersOnlyCallbacksAndHealth() {
        try (VodhookServer server = VodhookServer.start(config().withBindHost("0.0.0.0").withCallbackToken("t0ken"),
                new RecordingMediaProcessing())) {
            Http open = new Http(server.baseUrl());

            assertThat(open.post("/callback/t0ken", upload("1")).status()).isEqualTo(200);
            assertThat(open.post("/callback", upload("2")).status()).as("token required").isEqualTo(403);
            assertThat(open.get("/healthz").body()).isEqualTo("{\"status\":\"UP\"}");
            for (String path : List.of("/api/events", "/api/events/1", "/api/media/1", "/metrics", "/", "/api")) {
                Http.Response response = open.get(path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.json().path("error").asText()).as(path).isEqualTo("NotFound");
            }
            for (String path : List.of("/api/events/replay", "/api/events/purge", "/api/events/1/replay")) {
                assertThat(open.post(path, "{\"status\":\"DONE\"}").status()).as(path).isEqualTo(404);
            }
            assertThat(server.database().inbox().list(EventFilter.all(), 10)).hasSize(1);
        }
    }

    @Test
    void theAdminListenerServesTheOperatorSideAndNoCallbacks() {
        try (VodhookServer server = VodhookServer.start(config(), new RecordingMediaProcessing())) {
            Http admin = new Http(server.adminUrl());

            assertThat(server.adminPort()).isPositive().isNotEqualTo(server.port());
            assertThat(server.adminUrl()).isEqualTo("http://127.0.0.1:" + server.adminPort());
            assertThat(admin.get("/api/events").status()).isEqualTo(200);
            assertThat(admin.get("/metrics").body()).contains("vodhook_inbox_events");
            assertThat(admin.get("/healthz").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(admin.post("/callback", upload("1")).status()).isEqualTo(404);
            assertThat(server.database().inbox().list(EventFilter.all(), 10)).isEmpty();
        }
    }

    @Test
    void onALoopbackAddressOnePortMayServeBoth() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (VodhookServer server = VodhookServer.start(config().withPort(port).withAdminPort(port),
                new RecordingMediaProcessing())) {
            Http http = new Http(server.baseUrl());

            assertThat(server.adminUrl()).isEqualTo(server.baseUrl());
            assertThat(http.post("/callback", upload("1")).status()).isEqualTo(200);
            assertThat(http.get("/api/events").json().path("events")).hasSize(1);
            assertThat(http.get("/metrics").status()).isEqualTo(200);
            assertThat(http.get("/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void exposingTheOperatorSideIsRefusedAtStartWithTheReason() {
        assertThatThrownBy(() -> VodhookServer.start(config().withAdminHost("0.0.0.0"), new RecordingMediaProcessing()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("admin-host 0.0.0.0 is not a loopback address")
                .hasMessageContaining("set admin-token");
        assertThatThrownBy(() -> VodhookServer.start(config().withBindHost("0.0.0.0").withAdminHost("0.0.0.0")
                .withPort(8080).withAdminPort(8080).withAdminToken("adm1n"), new RecordingMediaProcessing()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin-port 8080 equals port");
        assertThatThrownBy(() -> config().withReadToken("r3ad").checkExposure())
                .hasMessageContaining("read-token is set without admin-token");
        assertThatThrownBy(() -> config().withAdminToken("same").withReadToken("same").checkExposure())
                .hasMessageContaining("read-token equals admin-token");
        assertThatThrownBy(() -> config().withAdminToken("same").withCallbackToken("same").checkExposure())
                .hasMessageContaining("callback-token equals admin-token");
        assertThat(config().withAdminHost("0.0.0.0").withAdminToken("adm1n").checkExposure().admin().host())
                .isEqualTo("0.0.0.0");
    }

    @Test
    void loopbackMeansThisMachineOnly() {
        assertThat(List.of("127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "LOCALHOST"))
                .allMatch(ServiceConfig::isLoopback);
        assertThat(List.of("0.0.0.0", "::", "", "10.0.0.1", "127.0.0.1.example.com", "128.0.0.1", "127.0.0.256"))
                .noneMatch(ServiceConfig::isLoopback);
    }
}
