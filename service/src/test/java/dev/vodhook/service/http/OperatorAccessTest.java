package dev.vodhook.service.http;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.Http;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin listener behind its tokens: the admin token may do everything, the read token only read. */
class OperatorAccessTest {
    static final String ADMIN_TOKEN = "adm1n-7f3c9e2b";
    static final String READ_TOKEN = "r3ad-5d8a1c4e";

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    VodhookServer server;
    Http anonymous;
    long id;

    @BeforeEach
    void start() {
        // the processor polls every ten minutes: the event appended below stays unclaimed (attempts 0) unless a
        // replay wakes it, whatever the machine's speed
        server = VodhookServer.start(TestReceivers.config(dir, clock).withWorker(new WorkerSettings(
                        Duration.ofMinutes(10), 16, Duration.ofSeconds(30), Duration.ofSeconds(5))).withAdminHost("0.0.0.0")
                .withAdminToken(ADMIN_TOKEN).withReadToken(READ_TOKEN), new RecordingMediaProcessing());
        anonymous = new Http(server.adminUrl());
        id = append(server.database().inbox(), upload("1"), clock.instant());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutATokenEveryOperatorRouteIs401WithAReason() {
        for (String path : List.of("/api/events", "/api/events/" + id, "/api/media/1", "/metrics")) {
            Http.Response response = anonymous.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.json().path("error").asText()).isEqualTo("Unauthorized");
            assertThat(response.json().path("message").asText()).contains("Authorization: Bearer");
        }
        for (String path : List.of("/api/events/replay", "/api/events/purge", "/api/events/" + id + "/replay")) {
            assertThat(anonymous.post(path, "{\"status\":\"DEAD\"}").status()).as(path).isEqualTo(401);
        }
    }

    @Test
    void aWrongTokenOrAnotherSchemeIs401() {
        assertThat(anonymous.withBearer("adm1n-7f3c9e2c").get("/api/events").json().path("message").asText())
                .isEqualTo("wrong token");
        assertThat(anonymous.withBearer("").get("/api/events").status()).isEqualTo(401);
        assertThat(anonymous.get("/api/events", "Authorization", "Basic " + ADMIN_TOKEN).json().path("message")
                .asText()).contains("must be Bearer");
        assertThat(anonymous.get("/api/events", "Authorization", ADMIN_TOKEN).status()).isEqualTo(401);
        assertThat(anonymous.withBearer(ADMIN_TOKEN + ADMIN_TOKEN).get("/metrics").status()).isEqualTo(401);
    }

    @Test
    void theAdminTokenMayReadAndAct() {
        Http admin = anonymous.withBearer(ADMIN_TOKEN);

        assertThat(admin.get("/api/events").json().path("events")).hasSize(1);
        assertThat(admin.get("/api/events/" + id).status()).isEqualTo(200);
        assertThat(admin.get("/metrics").status()).isEqualTo(200);
        assertThat(admin.post("/api/events/replay", "{\"status\":\"DEAD\"}").json().path("replayed").asInt()).isZero();
        assertThat(anonymous.get("/api/events", "Authorization", "bearer  " + ADMIN_TOKEN).status())
                .as("the scheme in any case, blanks around the token").isEqualTo(200);
    }

    @Test
    void theReadTokenMayReadButNotAct() {
        Http reader = anonymous.withBearer(READ_TOKEN);
        // DONE first (by the test: the processor sleeps ten minutes), so that a replay would show (PENDING again)
        // and a purge of DONE events too (gone)
        var claimed = server.database().inbox().claimDue("test", clock.instant(), Duration.ofMinutes(1), 1);
        assertThat(server.database().inbox().markDone(claimed.getFirst().lease(), clock.instant())).isTrue();

        assertThat(reader.get("/api/events").json().path("events")).hasSize(1);
        assertThat(reader.get("/api/events/" + id).status()).isEqualTo(200);
        assertThat(reader.get("/metrics").body()).contains("vodhook_inbox_events");
        for (String path : List.of("/api/events/replay", "/api/events/purge", "/api/events/" + id + "/replay")) {
            Http.Response response = reader.post(path, "{\"status\":\"DONE\"}");
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(response.json().path("error").asText()).isEqualTo("Forbidden");
            assertThat(response.json().path("message").asText()).contains("read token may only read");
        }
        assertThat(server.database().inbox().find(id)).as("neither replayed nor purged").hasValueSatisfying(e ->
                assertThat(e.status()).isEqualTo(EventStatus.DONE));
    }

    @Test
    void healthIsOpenAndTellsOnlyUpOrDown() {
        Http.Response health = anonymous.get("/healthz");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(new Http(server.baseUrl()).get("/healthz").body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void callbacksNeedNoOperatorToken() {
        assertThat(new Http(server.baseUrl()).post("/callback", upload("2")).status()).isEqualTo(200);
    }
}
