package dev.vodhook.service.http;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.Http;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every operator request of the wrong shape is a 400 with a reason, never a 500, and changes nothing. */
class OperatorRequestValidationTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    VodhookServer server;
    Http http;
    long id;

    @BeforeEach
    void start() {
        server = VodhookServer.start(TestReceivers.config(dir, clock), new RecordingMediaProcessing());
        http = new Http(server.adminUrl());
        id = append(server.database().inbox(), upload("1"), clock.instant());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static void assertBadRequest(Http.Response response, String about) {
        assertThat(response.status()).as(about + ": " + response.body()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).as(about).isNotBlank();
        assertThat(response.json().path("message").asText()).as(about).isNotBlank().doesNotContain("at com.", "at dev.");
    }

    @Test
    void aBulkFilterOfTheWrongShapeIs400() {
        Map<String, String> bodies = Map.ofEntries(
                Map.entry("JSON null (was a 500)", "null"),
                Map.entry("a string", "\"DEAD\""),
                Map.entry("a number", "42"),
                Map.entry("an array", "[{\"status\":\"DEAD\"}]"),
                Map.entry("status a number", "{\"status\": 5}"),
                Map.entry("status a boolean", "{\"status\": true}"),
                Map.entry("type an array", "{\"type\": [\"NewFileUpload\"]}"),
                Map.entry("since an object", "{\"since\": {}}"),
                Map.entry("until a number", "{\"until\": 1772352000}"),
                Map.entry("an unknown field", "{\"stauts\": \"DEAD\"}"),
                Map.entry("a key twice", "{\"status\": \"DEAD\", \"status\": \"DONE\"}"),
                Map.entry("two objects", "{} {}"),
                Map.entry("deep nesting", "{\"type\":" + "[".repeat(100) + "]".repeat(100) + "}"),
                Map.entry("not JSON", "status=DEAD"),
                Map.entry("a time without its offset", "{\"since\": \"2026-03-01T08:00:00\"}"),
                Map.entry("a year past 9999 (was a 500)", "{\"since\": \"+999999999-12-31T23:59:59Z\"}"),
                Map.entry("a year before 1970", "{\"until\": \"1969-12-31T23:59:59Z\"}"),
                Map.entry("since not before until", "{\"since\": \"2026-03-02T00:00:00Z\", \"until\": \"2026-03-01T00:00:00Z\"}"),
                Map.entry("a very long type", "{\"type\": \"" + "T".repeat(300) + "\"}"));
        bodies.forEach((about, body) -> {
            assertBadRequest(http.post("/api/events/replay", body), "replay, " + about);
            assertBadRequest(http.post("/api/events/purge", body), "purge, " + about);
        });
        assertThat(server.database().inbox().find(id)).isPresent();
    }

    @Test
    void theReasonForABadFilterNamesTheFieldNotAJavaType() {
        Map<String, String> reasons = Map.of(
                "{\"status\": -8534983057421811428}", "'status' must be a string",
                "{\"type\": {\"a\": 1}}", "'type' must be a string",
                "{\"stauts\": \"DEAD\"}", "unknown field 'stauts'",
                "[1]", "not one JSON object",
                "{} {}", "not one JSON object");
        reasons.forEach((body, reason) -> {
            for (String path : List.of("/api/events/replay", "/api/events/purge")) {
                Http.Response response = http.post(path, body);
                assertBadRequest(response, path + " " + reason);
                assertThat(response.json().path("message").asText()).as("was: Cannot coerce ... to `java.lang.String`")
                        .contains(reason).doesNotContain("java.", "`", "Coercion");
            }
        });
    }

    @Test
    void aListQueryOfTheWrongShapeIs400() {
        for (String query : List.of("stauts=DEAD", "status=LOST", "limit=0", "limit=501", "limit=99999999999999999999",
                "limit=1.5", "before=abc", "before=99999999999999999999", "since=yesterday",
                "since=%2B999999999-12-31T23:59:59Z", "until=0000-01-01T00:00:00Z",
                "since=2026-03-02T00:00:00Z&until=2026-03-01T00:00:00Z", "type=" + "T".repeat(300))) {
            assertBadRequest(http.get("/api/events?" + query), query);
        }
        assertThat(http.get("/api/events?limit=500&type=NewFileUpload&since=2026-03-01T00:00:00Z"
                + "&until=2026-03-02T00:00:00%2B08:00").json().path("events")).hasSize(1);
    }

    @Test
    void anIdThatIsNotOneIs400AndAnUnknownOne404() {
        for (String path : List.of("/api/events/abc", "/api/events/99999999999999999999", "/api/events/1e3",
                "/api/events/%20")) {
            assertBadRequest(http.get(path), path);
        }
        assertBadRequest(http.post("/api/events/x/replay", ""), "replay x");
        assertThat(http.get("/api/events/-1").status()).isEqualTo(404);
        assertThat(http.post("/api/events/0/replay", "").status()).isEqualTo(404);
    }
}
