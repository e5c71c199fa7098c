package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.Delivery;
import dev.vodhook.emulator.DeliveryAttempt;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.signing.CallbackSignature;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VOD's callback signature (vod-protocol.md §3.2.4): with a sign key configured, only callbacks carrying a
 * right and current {@code Sign}/{@code T} are stored; the rest are refused with 401 and the reason, and
 * counted by it.
 */
class SignedCallbacksTest {
    static final String KEY = "SignKey0123456789";
    static final String PREVIOUS_KEY = "PreviousKey42";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    /** A receiver on the system clock (the local VOD signs with it) that takes events in and does nothing more. */
    ServiceConfig receiverFor(LocalVod vod, String signKeys) {
        return new LocalVodCalls(vod).receiverConfig(TestReceivers.config(dir, clock)).withClock(Clock.systemUTC())
                .withSignKeys(signKeys).withIntake(IntakeSettings.defaults().withIntakeOnly(true));
    }

    @Test
    void aCallbackTheLocalVodSignsWithTheConfiguredKeyIsStored() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults());
             VodhookServer receiver = VodhookServer.start(receiverFor(vod, KEY))) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            calls.pushTo(receiver.baseUrl() + "/callback");
            calls.signWith(KEY);

            vod.publishEvents(upload("7001"));

            assertThat(awaitAttempt(vod, "7001").statusCode()).hasValue(200);
            StoredEvent stored = stored(receiver).getFirst();
            assertThat(TestEvents.fileIdOf(stored.body())).isEqualTo("7001");
            assertThat(stored.body()).contains("\"Sign\"", "\"T\"");
        }
    }

    @Test
    void aCallbackSignedWithAnotherKeyIsRefusedAndNothingIsStored() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults());
             VodhookServer receiver = VodhookServer.start(receiverFor(vod, KEY))) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            calls.pushTo(receiver.baseUrl() + "/callback");
            calls.signWith("SomebodyElsesKey1");

            vod.publishEvents(upload("7002"));

            assertThat(awaitAttempt(vod, "7002").statusCode()).hasValue(401);
            assertThat(stored(receiver)).isEmpty();
            assertThat(new Http(receiver.adminUrl()).get("/metrics").body())
                    .contains("vodhook_events_rejected_total{reason=\"signature_mismatch\"}");
        }
    }

    @Test
    void bothKeysOfARotationAreAccepted() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults());
             VodhookServer receiver = VodhookServer.start(receiverFor(vod, KEY + ", " + PREVIOUS_KEY))) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            calls.pushTo(receiver.baseUrl() + "/callback");

            calls.signWith(PREVIOUS_KEY);
            vod.publishEvents(upload("7003"));
            assertThat(awaitAttempt(vod, "7003").statusCode()).hasValue(200);
            calls.signWith(KEY);
            vod.publishEvents(upload("7004"));
            assertThat(awaitAttempt(vod, "7004").statusCode()).hasValue(200);

            assertThat(stored(receiver)).extracting(e -> TestEvents.fileIdOf(e.body()))
                    .containsExactlyInAnyOrder("7003", "7004");
        }
    }

    @Test
    void missingWrongAndExpiredSignaturesAreRefusedWithTheReasonAndNothingIsStored() {
        try (VodhookServer receiver = VodhookServer.start(TestReceivers.config(dir, clock).withSignKeys(KEY),
                new RecordingMediaProcessing())) {
            Http http = new Http(receiver.baseUrl());
            long now = clock.instant().getEpochSecond();

            Http.Response missing = http.post("/callback", upload("1"));
            Http.Response wrong = http.post("/callback", signed(upload("2"), "Sign", "T",
                    CallbackSignature.sign("NotTheKey", now + 600), now + 600));
            Http.Response past = http.post("/callback", signed(upload("3"), "Sign", "T",
                    CallbackSignature.sign(KEY, now - 61), now - 61));
            long tooFar = now + 600 + 61;
            Http.Response ahead = http.post("/callback", signed(upload("4"), "Sign", "T",
                    CallbackSignature.sign(KEY, tooFar), tooFar));
            Http.Response garbage = http.post("/callback", signed(upload("5"), "Sign", "T", "not-hex", now));

            assertThat(List.of(missing, wrong, past, ahead, garbage)).extracting(Http.Response::status).containsOnly(401);
            assertThat(missing.json().path("error").asText()).isEqualTo("SignatureMissing");
            assertThat(wrong.json().path("error").asText()).isEqualTo("SignatureMismatch");
            assertThat(garbage.json().path("error").asText()).isEqualTo("SignatureMismatch");
            assertThat(past.json().path("error").asText()).isEqualTo("SignatureExpired");
            assertThat(ahead.json().path("error").asText()).isEqualTo("SignatureExpired");
            assertThat(past.json().path("message").asText()).contains("T is past");
            assertThat(stored(receiver)).isEmpty();
            assertThat(new Http(receiver.adminUrl()).get("/metrics").body())
                    .contains("vodhook_events_rejected_total{reason=\"signature_missing\"} 1.0")
                    .contains("vodhook_events_rejected_total{reason=\"signature_mismatch\"} 2.0")
                    .contains("vodhook_events_rejected_total{reason=\"signature_expired\"} 2.0");
        }
    }

    @Test
    void signAndTAreReadFromTheBodyInEitherCaseOrFromTheHeaders() {
        try (VodhookServer receiver = VodhookServer.start(TestReceivers.config(dir, clock).withSignKeys(KEY),
                new RecordingMediaProcessing())) {
            Http http = new Http(receiver.baseUrl());
            long t = clock.instant().getEpochSecond() + 600;
            String sign = CallbackSignature.sign(KEY, t);

            assertThat(http.post("/callback", signed(upload("11"), "Sign", "T", sign, t)).status()).isEqualTo(200);
            assertThat(http.post("/callback", signed(upload("12"), "sign", "t", sign, t)).status()).isEqualTo(200);
            assertThat(http.post("/callback", upload("13"), "Sign", sign, "T", String.valueOf(t)).status())
                    .isEqualTo(200);
            assertThat(http.post("/callback", upload("14"), "sign", sign, "t", String.valueOf(t - 600)).status())
                    .as("the header's T is the one signed").isEqualTo(401);
            // T as a JSON string, and a clock just inside the skew
            clock.set(clock.instant().plusSeconds(600 + 60));
            assertThat(http.post("/callback", signed(upload("15"), "Sign", "T", sign, String.valueOf(t))).status())
                    .isEqualTo(200);

            assertThat(stored(receiver)).extracting(e -> TestEvents.fileIdOf(e.body()))
                    .containsExactlyInAnyOrder("11", "12", "13", "15");
        }
    }

    @Test
    void theTokenAndTheSignatureMayBothBeRequired() {
        try (VodhookServer receiver = VodhookServer.start(TestReceivers.config(dir, clock).withSignKeys(KEY)
                .withCallbackToken("t0ken"), new RecordingMediaProcessing())) {
            Http http = new Http(receiver.baseUrl());
            long t = clock.instant().getEpochSecond() + 600;
            String body = signed(upload("21"), "Sign", "T", CallbackSignature.sign(KEY, t), t);

            assertThat(http.post("/callback/wrong", body).status()).isEqualTo(403);
            assertThat(http.post("/callback/t0ken", upload("21")).status()).isEqualTo(401);
            assertThat(http.post("/callback/t0ken", body).status()).isEqualTo(200);
            assertThat(stored(receiver)).hasSize(1);
        }
    }

    @Test
    void withoutASignKeyUnsignedCallbacksAreTaken() {
        try (VodhookServer receiver = VodhookServer.start(TestReceivers.config(dir, clock),
                new RecordingMediaProcessing())) {
            assertThat(new Http(receiver.baseUrl()).post("/callback", upload("31")).status()).isEqualTo(200);
        }
    }

    static String signed(String body, String signName, String tName, String sign, Object t) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.put(signName, sign);
            if (t instanceof Long n) {
                node.put(tName, n);
            } else {
                node.put(tName, t.toString());
            }
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<StoredEvent> stored(VodhookServer receiver) {
        return receiver.database().inbox().list(EventFilter.all(), 100).stream()
                .map(e -> receiver.database().inbox().find(e.id()).orElseThrow()).toList();
    }

    /** The first attempt at pushing the upload of {@code fileId}, once it is made. */
    static DeliveryAttempt awaitAttempt(LocalVod vod, String fileId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> vod.deliveries().ofType("NewFileUpload").stream()
                        .filter(d -> d.body().path("FileUploadEvent").path("FileId").asText().equals(fileId))
                        .map(Delivery::attempts).filter(a -> !a.isEmpty()).map(List::getFirst).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
