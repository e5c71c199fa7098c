package dev.vodhook.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.events.SetupProbe;
import dev.vodhook.service.Http;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.reconcile.FakeTaskDetails;
import dev.vodhook.signing.CallbackSignature;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vodhook setup}'s probe as the receiver sees it: answered after the token and signature checks, recorded for
 * {@code GET /api/probes/{nonce}}, never stored as an event nor processed.
 */
class SetupProbeTest {
    static final String KEY = "ProbeKey0123";
    static final String TOKEN = "t0ken-probe";
    static final String NONCE = "3f1c0d2e-probe-0001";

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();

    private VodhookServer start(Optional<String> key) {
        ServiceConfig c = TestReceivers.config(dir, clock).withCallbackToken(TOKEN);
        return VodhookServer.start(key.map(c::withSignKeys).orElse(c), vod, new FakeTaskDetails());
    }

    private static String signed(String nonce, String key, SettableClock clock) {
        long t = clock.instant().plus(Duration.ofMinutes(5)).getEpochSecond();
        return SetupProbe.body(nonce, Optional.of(CallbackSignature.sign(key, t)), Optional.of(t));
    }

    @Test
    void aSignedProbeIsAnsweredAndRecordedButNeverStoredOrProcessed() {
        try (VodhookServer receiver = start(Optional.of(KEY))) {
            Http.Response answer = new Http(receiver.baseUrl()).post("/callback/" + TOKEN, signed(NONCE, KEY, clock));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("probe").asText()).isEqualTo(NONCE);
            assertThat(answer.json().path("verified").asBoolean()).isTrue();
            Http.Response seen = new Http(receiver.adminUrl()).get("/api/probes/" + NONCE);
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.json().path("verified").asBoolean()).isTrue();
            assertThat(seen.json().path("receivedAt").asText()).isEqualTo(TestReceivers.START);
            assertThat(receiver.database().inbox().countByStatus().values()).allMatch(n -> n == 0);
            assertThat(new Http(receiver.adminUrl()).get("/api/events").json().path("events")).isEmpty();
            assertThat(vod.calls()).isEmpty();
        }
    }

    @Test
    void aProbeWithAWrongSignatureOrTokenIsRefusedAndNotRecorded() {
        try (VodhookServer receiver = start(Optional.of(KEY))) {
            Http callbacks = new Http(receiver.baseUrl());
            assertThat(callbacks.post("/callback/" + TOKEN, signed(NONCE, "SomeOtherKey", clock)).status()).isEqualTo(401);
            assertThat(callbacks.post("/callback/" + TOKEN, SetupProbe.body(NONCE, Optional.empty(), Optional.empty()))
                    .status()).isEqualTo(401);
            assertThat(callbacks.post("/callback/wrong", signed(NONCE, KEY, clock)).status()).isEqualTo(403);

            assertThat(new Http(receiver.adminUrl()).get("/api/probes/" + NONCE).status()).isEqualTo(404);
        }
    }

    @Test
    void aProbeWithoutAWellFormedNonceIsABadRequest() {
        try (VodhookServer receiver = start(Optional.empty())) {
            Http.Response answer = new Http(receiver.baseUrl()).post("/callback/" + TOKEN,
                    "{\"EventType\":\"VodhookSetupProbe\",\"VodhookSetupProbeEvent\":{\"Nonce\":\"<script>\"}}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).isEqualTo("MalformedEvent");
            assertThat(receiver.database().inbox().countByStatus().values()).allMatch(n -> n == 0);
        }
    }

    @Test
    void onAReceiverWithoutASignKeyAProbeIsAnsweredAsNotVerified() {
        try (VodhookServer receiver = start(Optional.empty())) {
            Http.Response answer = new Http(receiver.baseUrl()).post("/callback/" + TOKEN,
                    SetupProbe.body(NONCE, Optional.empty(), Optional.empty()));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("verified").asBoolean()).isFalse();
            assertThat(new Http(receiver.adminUrl()).get("/api/probes/" + NONCE).json().path("verified").asBoolean())
                    .isFalse();
        }
    }
}
