package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.vod.VodApi;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-uploads} end to end: a receiver pointed at the local VOD, its processor stepped on a settable clock,
 * asks DescribeMediaInfos through the official SDK before a NewFileUpload starts anything. A forged upload (a FileId
 * VOD does not have, or has in another application) and a replayed one (by the operator, or delivered again after
 * its dedupe key is gone, for a transcode or a task flow) start nothing at the local VOD, as its call journal
 * shows, and the media says why; a real upload is still transcoded, also when DescribeMediaInfos fails at first,
 * and also by a receiver without records of it; {@code verify-uploads: false} asks nothing.
 */
class VerifyUploadsThroughLocalVodTest {
    static final String FORGED = "5285890813874599999";
    static final RetryPolicy RETRY = new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 0);

    @TempDir
    Path dir;

    final SettableClock clock = new SettableClock(Instant.now());
    LocalVod vod;
    LocalVodCalls calls;
    UnaryOperator<ServiceConfig> setup;
    VodhookServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        vod.close();
    }

    /**
     * The local VOD, and a receiver on it (configured for the local VOD's default application, then {@code setup})
     * that its pushes go to and whose processor only the test steps.
     */
    void start(EmulatorConfig emulator, UnaryOperator<ServiceConfig> setup) throws Exception {
        vod = LocalVod.start(emulator.withUpscale(false));
        calls = new LocalVodCalls(vod);
        this.setup = setup;
        server = receiver(dir.resolve("receiver"));
    }

    void start() throws Exception {
        start(EmulatorConfig.defaults(), c -> c);
    }

    VodhookServer receiver(Path data) throws Exception {
        VodhookServer receiver = VodhookServer.start(setup.apply(calls.receiverConfig(TestReceivers.config(data, clock))
                .withSubAppId(vod.config().subAppId())
                .withDefinitions(List.of(100010))
                .withRetry(RETRY)
                .withIntake(IntakeSettings.defaults().withIntakeOnly(true))));
        calls.pushTo(receiver.baseUrl() + "/callback");
        return receiver;
    }

    @Test
    void aForgedUploadOfAFileIdVodDoesNotHaveStartsNothingAndTheMediaSaysWhy() throws Exception {
        start();

        StoredEvent forged = post(TestEvents.upload(FORGED));
        assertThat(server.processor().runOnce()).isEqualTo(1);

        assertThat(inbox(forged).status()).isEqualTo(EventStatus.DONE);
        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).singleElement().satisfies(c ->
                assertThat(c.succeeded()).isTrue());
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).isEmpty();
        assertThat(calls.taskCountsByFileId()).isEmpty();
        JsonNode media = mediaJson(FORGED);
        assertThat(media.path("state").asText()).isEqualTo("UPLOADED");
        assertThat(media.path("name").isNull()).as("the forged name is not recorded").isTrue();
        assertThat(media.path("mediaUrl").isNull()).isTrue();
        assertThat(media.path("skipReason").asText())
                .startsWith("VOD has no media with FileId " + FORGED + " in SubAppId " + vod.config().subAppId()
                        + " (DescribeMediaInfos, RequestId ")
                .endsWith("; no transcode started (NewFileUpload event " + forged.id() + ")");
        assertThat(media.path("skippedAt").asText()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        assertThat(metrics()).contains("vodhook_vod_describemediainfos_total{outcome=\"not_found\"} 1.0")
                .doesNotContain("vodhook_vod_processmedia_total");
    }

    @Test
    void aRealUploadIsVerifiedThenTranscodedAndNeitherItsReplayNorItsRedeliveryStartsAnything() throws Exception {
        start();
        String fileId = calls.uploadSmall();
        StoredEvent upload = awaitStored(fileId);

        assertThat(server.processor().runOnce()).isEqualTo(1);
        assertThat(vod.apiCalls().all()).filteredOn(c -> c.action().matches("DescribeMediaInfos|ProcessMedia"))
                .extracting(ApiCall::action, ApiCall::succeeded)
                .containsExactly(tuple("DescribeMediaInfos", true), tuple("ProcessMedia", true));
        awaitFinished(fileId);
        assertThat(mediaJson(fileId).path("skipReason").isNull()).isTrue();

        // the operator replays the handled upload: vodhook's records say it has its output, VOD is not even asked
        assertThat(operator().post("/api/events/" + upload.id() + "/replay", "").status()).isEqualTo(200);
        assertThat(server.processor().runOnce()).isEqualTo(1);
        assertThat(inbox(upload).status()).isEqualTo(EventStatus.DONE);
        assertThat(mediaJson(fileId).path("skipReason").asText())
                .startsWith("vodhook has recorded a transcode of every requested definition (100010)");

        // long after: the handled events and their dedupe keys are gone, and the same upload is delivered again
        String body = upload.body();
        assertThat(operator().post("/api/events/purge", "{\"status\": \"DONE\"}").json().path("purged").asInt())
                .isGreaterThanOrEqualTo(2);
        StoredEvent again = post(body);
        assertThat(again.id()).isNotEqualTo(upload.id());
        assertThat(server.processor().runOnce()).isEqualTo(1);
        assertThat(inbox(again).status()).isEqualTo(EventStatus.DONE);

        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).hasSize(1);
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).hasSize(1);
        assertThat(calls.tasksOn(fileId)).hasSize(1);
        MediaView media = server.database().media().findMedia(fileId).orElseThrow();
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.skipReason()).hasValueSatisfying(r -> assertThat(r)
                .endsWith("no transcode started (NewFileUpload event " + again.id() + ")"));
    }

    @Test
    void aReceiverThatLostItsRecordsGoesAheadAndVodRefusesTheRepeatWithinItsSessionIdWindow() throws Exception {
        start();
        String fileId = calls.uploadSmall();
        StoredEvent upload = awaitStored(fileId);
        server.processor().runOnce();
        awaitFinished(fileId);
        String body = upload.body();
        server.close();

        // its database restored from before the upload, say: VOD's own list of transcodes does not count
        server = receiver(dir.resolve("restored"));
        StoredEvent again = post(body);
        assertThat(server.processor().runOnce()).isEqualTo(1);

        assertThat(inbox(again).status()).isEqualTo(EventStatus.DONE);
        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).hasSize(2).allMatch(ApiCall::succeeded);
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).extracting(ApiCall::errorCode)
                .containsExactly("", VodApi.DUPLICATE_SESSION_ID);
        assertThat(calls.tasksOn(fileId)).hasSize(1);
        MediaView media = server.database().media().findMedia(fileId).orElseThrow();
        assertThat(media.state()).isEqualTo(MediaState.PROCESSING);
        assertThat(media.skipReason()).isEmpty();
    }

    @Test
    void aFailingDescribeMediaInfosIsRetriedLikeAnyHandlerFailureAndThenTheUploadIsTranscoded() throws Exception {
        start();
        String fileId = calls.uploadSmall();
        StoredEvent upload = awaitStored(fileId);
        vod.faults().failNextCalls("DescribeMediaInfos", "InternalError", 1);

        assertThat(server.processor().runOnce()).isEqualTo(1);
        StoredEvent failed = inbox(upload);
        assertThat(failed.status()).isEqualTo(EventStatus.PENDING);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("InternalError"));
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).isEmpty();
        clock.tick(Duration.ofSeconds(1));
        assertThat(server.processor().runOnce()).isEqualTo(1);

        assertThat(inbox(upload).status()).isEqualTo(EventStatus.DONE);
        assertThat(inbox(upload).attempts()).isEqualTo(2);
        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).extracting(ApiCall::fault, ApiCall::errorCode)
                .containsExactly(tuple("InternalError", "InternalError"), tuple("", ""));
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).singleElement().satisfies(c ->
                assertThat(c.succeeded()).isTrue());
        assertThat(metrics()).contains("vodhook_vod_describemediainfos_total{outcome=\"retryable_error\"} 1.0",
                "vodhook_vod_describemediainfos_total{outcome=\"found\"} 1.0",
                "vodhook_vod_processmedia_total{outcome=\"started\"} 1.0");
        awaitFinished(fileId);
    }

    @Test
    void aRealUploadInAnotherApplicationThanTheConfiguredOneStartsNothing() throws Exception {
        long otherApp = EmulatorConfig.defaults().appId() + 1;
        start(EmulatorConfig.defaults().withSubAppId(otherApp), c -> c.withSubAppId(vod.config().appId()));
        String fileId = calls.uploadSmall(); // into the local VOD's default application, otherApp

        StoredEvent upload = awaitStored(fileId);
        assertThat(server.processor().runOnce()).isEqualTo(1);

        assertThat(inbox(upload).status()).isEqualTo(EventStatus.DONE);
        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).hasSize(1);
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).isEmpty();
        assertThat(mediaJson(fileId).path("skipReason").asText())
                .startsWith("VOD has no media with FileId " + fileId + " in SubAppId " + vod.config().appId());
    }

    @Test
    void withVerifyUploadsOffAForgedUploadGoesStraightToProcessMedia() throws Exception {
        start(EmulatorConfig.defaults(), c -> c.withProcessing(ProcessingSettings.defaults().withVerifyUploads(false)));

        StoredEvent forged = post(TestEvents.upload(FORGED));
        assertThat(server.processor().runOnce()).isEqualTo(1);

        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).isEmpty();
        assertThat(vod.apiCalls().ofAction("ProcessMedia")).extracting(ApiCall::errorCode)
                .containsExactly("InvalidParameterValue.FileId");
        assertThat(inbox(forged).status()).as("VOD refused it: nothing a retry can change").isEqualTo(EventStatus.DEAD);
        assertThat(mediaJson(FORGED).path("skipReason").isNull()).isTrue();
    }

    @Test
    void aReplayedUploadWhoseTaskFlowFinishedWithEveryOutputStartsNoSecondTaskFlow() throws Exception {
        start(EmulatorConfig.defaults(), c -> c.withProcessing(ProcessingSettings.defaults()
                .withProcedure("LongVideoPreset")));
        String fileId = calls.uploadSmall();
        StoredEvent upload = awaitStored(fileId);
        assertThat(server.processor().runOnce()).isEqualTo(1);
        MediaView finished = awaitFinished(fileId);

        assertThat(operator().post("/api/events/" + upload.id() + "/replay", "").status()).isEqualTo(200);
        assertThat(server.processor().runOnce()).isEqualTo(1);

        assertThat(vod.apiCalls().ofAction("DescribeMediaInfos")).hasSize(1);
        assertThat(vod.apiCalls().ofAction("ProcessMediaByProcedure")).hasSize(1);
        assertThat(calls.tasksOn(fileId)).hasSize(1);
        assertThat(mediaJson(fileId).path("skipReason").asText()).startsWith("task flow LongVideoPreset started by"
                + " vodhook (TaskId " + finished.tasks().getFirst().taskId() + ") has finished with every output;"
                + " task flow LongVideoPreset not started (NewFileUpload event " + upload.id() + ")");
    }

    /** Posts a callback as VOD would and returns the event it stored. */
    StoredEvent post(String body) {
        assertThat(new Http(server.baseUrl()).post("/callback", body).status()).isEqualTo(200);
        return awaitStored(TestEvents.fileIdOf(body));
    }

    StoredEvent awaitStored(String fileId) {
        String key = "NewFileUpload:" + fileId;
        long id = await().atMost(Duration.ofSeconds(10)).until(() -> server.database().inbox()
                        .list(EventFilter.all().withEventType("NewFileUpload"), 100).stream()
                        .filter(e -> e.dedupeKey().equals(key)).findFirst(), Optional::isPresent)
                .orElseThrow().id();
        return server.database().inbox().find(id).orElseThrow();
    }

    StoredEvent inbox(StoredEvent event) {
        return server.database().inbox().find(event.id()).orElseThrow();
    }

    /** Steps the processor until the pushed FINISH is handled. */
    MediaView awaitFinished(String fileId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            server.processor().runOnce();
            return server.database().media().findMedia(fileId);
        }, m -> m.isPresent() && m.get().state() == MediaState.FINISHED).orElseThrow();
    }

    /** The operator API of the receiver. */
    Http operator() {
        return new Http(server.adminUrl());
    }

    JsonNode mediaJson(String fileId) {
        Http.Response response = operator().get("/api/media/" + fileId);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    String metrics() {
        return operator().get("/metrics").body();
    }
}
