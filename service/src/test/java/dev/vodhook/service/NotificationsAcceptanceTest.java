package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.notify.NotificationSamples;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.testkit.NodeProject;
import dev.vodhook.testkit.RecordingEndpoint;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, the seed flow with an endpoint configured: an upload to the local VOD through the official SDK, pushed
 * to the receiver, transcoded to 100010 and 100020; the application's endpoint receives {@code media.uploaded},
 * {@code media.processing} and {@code media.ready} with both outputs, in that order, each verified by the Standard
 * Webhooks reference library ({@code standardwebhooks} on npm, src/test/node), not by vodhook's own code. Skipped
 * without node and npm unless {@code VODHOOK_REQUIRE_NODE=1}. What arrived, and a sample of every type as
 * {@code vodhook notify test} sends it, are valid against {@code docs/notifications.schema.json} (ajv).
 */
class NotificationsAcceptanceTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final ObjectMapper JSON = new ObjectMapper();
    static NodeProject node;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() throws Exception {
        node = NodeProject.of("node-webhooks", "the Standard Webhooks verification of notifications").install();
    }

    @Test
    void theSeedFlowNotifiesUploadedProcessingAndReadyInOrderVerifiedByTheReferenceLibrary() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false));
                RecordingEndpoint app = RecordingEndpoint.start()) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            ServiceConfig config = calls.receiverConfig(TestReceivers.config(dir,
                    SettableClock.at(TestReceivers.START)))
                    .withClock(Clock.systemUTC()) // the reference library checks webhook-timestamp against now
                    .withNotifications(NotifySettings.defaults().withEndpoints(List.of(
                            NotifyEndpoint.of(app.url(), SECRET))));
            try (VodhookServer receiver = VodhookServer.start(config)) {
                calls.pushTo(receiver.baseUrl() + "/callback");
                String fileId = calls.upload();

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                        .until(() -> app.of(fileId).size() >= 3);
                List<RecordingEndpoint.Received> got = app.of(fileId);
                assertThat(got).extracting(RecordingEndpoint.Received::type)
                        .containsExactly("media.uploaded", "media.processing", "media.ready");

                JsonNode verified = verifyWithTheReferenceLibrary(got);
                assertThat(verified.path("error").isMissingNode()).as(verified.toString()).isTrue();
                assertThat(verified.path("ok")).hasSize(3);
                assertThat(verified.path("ok").findValuesAsText("type"))
                        .containsExactly("media.uploaded", "media.processing", "media.ready");
                JsonNode ready = verified.path("ok").get(2).path("data");
                assertThat(ready.path("outputs").findValuesAsText("definition")).containsExactly("100010", "100020");
                assertThat(ready.path("outputs")).allSatisfy(o -> {
                    assertThat(o.path("url").asText()).startsWith(vod.baseUrl());
                    assertThat(o.path("width").asInt()).isPositive();
                    assertThat(o.path("size").asLong()).isPositive();
                });
                assertThat(verified.path("ok").findValuesAsText("fileId")).containsOnly(fileId);
                assertThat(got).extracting(RecordingEndpoint.Received::sequence).containsExactly(1L, 2L, 3L);

                JsonNode tampered = verifyWithTheReferenceLibrary(List.of(new RecordingEndpoint.Received(
                        got.get(2).id(), got.get(2).timestamp(), got.get(2).signature(),
                        got.get(2).bodyText().replace("100020", "100030").getBytes(), false)));
                assertThat(tampered.path("error").asText()).as("a changed body fails the reference library")
                        .isNotEmpty();

                ArrayNode payloads = JSON.createArrayNode();
                verified.path("ok").forEach(payloads::add);
                NotificationSamples.all(java.time.Instant.now()).forEach(sample -> payloads.add(parse(sample.body())));
                JsonNode valid = validateAgainstTheSchema(payloads);
                assertThat(valid.path("error").isMissingNode()).as(valid.toString()).isTrue();
                assertThat(valid.path("ok").asInt()).isEqualTo(3 + 6);
            }
        }
    }

    static JsonNode validateAgainstTheSchema(ArrayNode payloads) throws Exception {
        Path file = node.work().toAbsolutePath().resolve("payloads-" + System.nanoTime() + ".json");
        Files.writeString(file, payloads.toString());
        try {
            return node.node("validate.js", Map.of("SCHEMA", Path.of("..", "docs", "notifications.schema.json")
                    .toAbsolutePath().toString(), "PAYLOADS", file.toString()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonNode verifyWithTheReferenceLibrary(List<RecordingEndpoint.Received> requests) throws Exception {
        ArrayNode array = JSON.createArrayNode();
        for (RecordingEndpoint.Received r : requests) {
            var item = array.addObject();
            item.set("headers", JSON.valueToTree(RecordingEndpoint.headers(r)));
            item.put("body", r.bodyText());
        }
        Path file = node.work().toAbsolutePath().resolve("requests-" + System.nanoTime() + ".json");
        Files.writeString(file, array.toString());
        try {
            return node.node("verify.js", Map.of("SECRET", SECRET, "REQUESTS", file.toString()));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
