package dev.vodhook.service.http;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.Http;
import dev.vodhook.service.RawConnection;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a slow, greedy or broken client can get from the listeners: 4xx or 503, never a thread for long. */
class ListenerLimitsTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    VodhookServer start(HttpLimits limits) {
        return VodhookServer.start(TestReceivers.config(dir, clock).withLimits(limits), new RecordingMediaProcessing());
    }

    static long stored(VodhookServer server) {
        return server.database().inbox().list(EventFilter.all(), 100).size();
    }

    static double inFlight(VodhookServer server) {
        return new Http(server.adminUrl()).get("/metrics").body().lines()
                .filter(l -> l.startsWith("vodhook_http_public_inflight "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void beyondItsConcurrencyThePublicListenerAnswers503WithRetryAfter() {
        try (VodhookServer server = start(HttpLimits.defaults().withMaxConcurrentCallbacks(1)
                .withIdleTimeout(Duration.ofMinutes(5)).withReadTimeout(Duration.ofMinutes(5)));
             RawConnection slow = new RawConnection(server.baseUrl())) {
            byte[] body = upload("1").getBytes(StandardCharsets.UTF_8);
            String text = new String(body, StandardCharsets.UTF_8);
            slow.send(RawConnection.postHead("/callback", body.length) + text.substring(0, 10));
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(server) == 1.0);

            Http.Response refused = new Http(server.baseUrl()).post("/callback", upload("2"));

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.json().path("error").asText()).isEqualTo("Unavailable");
            assertThat(new Http(server.adminUrl()).get("/metrics").body())
                    .contains("vodhook_events_rejected_total{reason=\"overloaded\"} 1.0");
            String answer = slow.send(text.substring(10)).answer();
            assertThat(RawConnection.status(answer)).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(server) == 0.0);
            assertThat(new Http(server.baseUrl()).post("/callback", upload("3")).status()).isEqualTo(200);
            assertThat(stored(server)).isEqualTo(2);
        }
    }

    @Test
    void theRefusalSaysWhenToTryAgain() {
        try (VodhookServer server = start(HttpLimits.defaults().withMaxConcurrentCallbacks(1)
                .withIdleTimeout(Duration.ofMinutes(5)).withReadTimeout(Duration.ofMinutes(5)));
             RawConnection slow = new RawConnection(server.baseUrl());
             RawConnection refused = new RawConnection(server.baseUrl())) {
            slow.send(RawConnection.postHead("/callback", 100) + "{");
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(server) == 1.0);

            String answer = refused.send(RawConnection.postHead("/callback", 2) + "{}").answer();

            assertThat(RawConnection.status(answer)).isEqualTo(503);
            assertThat(answer).contains("Retry-After: 1\r\n").contains("\"error\":\"Unavailable\"");
        }
    }

    @Test
    void aClientThatStopsHalfwayIsCutOffAfterTheIdleTimeoutAndNothingIsStored() {
        try (VodhookServer server = start(HttpLimits.defaults().withIdleTimeout(Duration.ofMillis(300)));
             RawConnection stalled = new RawConnection(server.baseUrl())) {
            String answer = stalled.send(RawConnection.postHead("/callback", 500) + "{\"EventType\":").answer();

            assertThat(RawConnection.status(answer)).as(answer).isIn(0, 400, 408);
            await().atMost(Duration.ofSeconds(30)).until(() -> inFlight(server) == 0.0);
            assertThat(stored(server)).isZero();
            assertThat(new Http(server.baseUrl()).post("/callback", upload("1")).status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyThatTricklesInIsCutOffWith408AndNothingIsStored() {
        try (VodhookServer server = start(HttpLimits.defaults().withReadTimeout(Duration.ofMillis(50)));
             RawConnection trickle = new RawConnection(server.baseUrl())) {
            trickle.send(RawConnection.postHead("/callback", 500) + "{\"EventType\":");
            // the request is in hand, and 200 ms at least have passed since its body began: past the read timeout
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(30))
                    .until(() -> inFlight(server) == 1.0);

            String answer = trickle.send("\"NewFileUpload\",").answer();

            assertThat(RawConnection.status(answer)).as(answer).isEqualTo(408);
            assertThat(answer).contains("\"error\":\"RequestTimeout\"").contains("did not come within 50 ms");
            assertThat(stored(server)).isZero();
            assertThat(new Http(server.adminUrl()).get("/metrics").body())
                    .contains("vodhook_events_rejected_total{reason=\"too_slow\"} 1.0");
        }
    }

    @Test
    void oversizeHeadersAndGarbageGetJsonErrorsWithoutStackTraces() {
        try (VodhookServer server = start(HttpLimits.defaults())) {
            for (String base : new String[] {server.baseUrl(), server.adminUrl()}) {
                String big;
                try (RawConnection c = new RawConnection(base)) {
                    big = c.send("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(9000)
                            + "\r\nConnection: close\r\n\r\n").answer();
                }
                String garbage;
                try (RawConnection c = new RawConnection(base)) {
                    garbage = c.send("\u0001\u0002 NOT HTTP AT ALL\r\n\r\n").answer();
                }
                String badUri;
                try (RawConnection c = new RawConnection(base)) {
                    badUri = c.send("GET /api/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").answer();
                }

                assertThat(RawConnection.status(big)).as(big).isEqualTo(431);
                assertThat(RawConnection.status(garbage)).as(garbage).isEqualTo(400);
                assertThat(RawConnection.status(badUri)).as(badUri).isEqualTo(400);
                for (String answer : new String[] {big, garbage, badUri}) {
                    assertThat(answer).contains("application/json").contains("\"error\":")
                            .doesNotContain("at org.", "Exception", "<html");
                }
            }
        }
    }

    @Test
    void textThatIsNoTextIsRefusedAndNumbersThatAreHugeWrittenOutAreStored() {
        try (VodhookServer server = start(HttpLimits.defaults())) {
            Http http = new Http(server.baseUrl());

            Http.Response surrogate = http.post("/callback",
                    "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"\\ud800x\"}}");
            Http.Response huge = http.post("/callback",
                    "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":1e999999999}}");

            assertThat(surrogate.status()).as("was a 500: stored as '?', then not found by its key").isEqualTo(400);
            assertThat(surrogate.json().path("message").asText()).contains("unpaired UTF-16 surrogate");
            assertThat(huge.status()).isEqualTo(200);
            assertThat(server.database().inbox().find(huge.json().path("id").asLong()).orElseThrow().dedupeKey())
                    .isEqualTo("NewFileUpload:1E+999999999");
            assertThat(stored(server)).isEqualTo(1);
        }
    }

    @Test
    void anUnknownHttpVersionIs400NotA5xx() {
        try (VodhookServer server = start(HttpLimits.defaults());
             RawConnection c = new RawConnection(server.baseUrl())) {
            String answer = c.send("GET /healthz HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n").answer();

            assertThat(RawConnection.status(answer)).as(answer).isEqualTo(400);
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedWith400() {
        try (VodhookServer server = start(HttpLimits.defaults())) {
            String deep = "{\"EventType\":\"NewFileUpload\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}";

            Http.Response response = new Http(server.baseUrl()).post("/callback", deep);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().path("message").asText()).contains("nest");
            assertThat(stored(server)).isZero();
        }
    }
}
