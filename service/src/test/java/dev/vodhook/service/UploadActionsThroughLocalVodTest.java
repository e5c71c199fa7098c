package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.events.DedupeKeys;
import dev.vodhook.events.EventParser;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.processing.UploadAction;
import dev.vodhook.service.vod.SessionIds;
import dev.vodhook.service.vod.VodApi;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code on-upload} end to end: a receiver pointed at the local VOD, a clip uploaded with the official upload SDK,
 * NewFileUpload pushed, and transcode, procedure or nothing started through the official API SDK, with real ffmpeg.
 */
class UploadActionsThroughLocalVodTest {
    static LocalVod vod;
    static LocalVodCalls calls;

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    @BeforeAll
    static void startLocalVod() {
        vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false));
        calls = new LocalVodCalls(vod);
    }

    @AfterAll
    static void stopLocalVod() {
        vod.close();
    }

    VodhookServer receiver(ProcessingSettings processing) throws Exception {
        ServiceConfig config = calls.receiverConfig(TestReceivers.config(dir, clock))
                .withDefinitions(List.of(100010)).withProcessing(processing);
        VodhookServer server = VodhookServer.start(config);
        calls.pushTo(server.baseUrl() + "/callback");
        return server;
    }

    static MediaView awaitMedia(VodhookServer server, String fileId, MediaState state) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> server.database().media().findMedia(fileId),
                        m -> m.isPresent() && m.get().state() == state).orElseThrow();
    }

    @Test
    void transcodeStartsProcessMediaWithTheDefinitionsAndRecordsItsOutputs() throws Exception {
        try (VodhookServer server = receiver(ProcessingSettings.defaults())) {
            String fileId = calls.upload();

            MediaView media = awaitMedia(server, fileId, MediaState.FINISHED);

            assertThat(media.outputs()).extracting(OutputRecord::kind, OutputRecord::definition, OutputRecord::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Transcode", 100010, OutputStatus.SUCCESS));
            StoredTask task = media.tasks().getFirst();
            assertThat(task.startedByUs()).isTrue();
            assertThat(task.sessionId()).contains(SessionIds.transcode(fileId, List.of(100010)));
            assertThat(calls.tasksOn(fileId)).singleElement()
                    .satisfies(t -> assertThat(t.path("ProcedureTask").path("TaskId").asText()).isEqualTo(task.taskId()));

            // what the reconciler would append for this task is a duplicate of the event that was pushed
            String reconciled = VodApi.create(server.config()).describeTask(task.taskId()).eventBody().orElseThrow();
            String pushedKey = server.database().inbox().list(EventFilter.all().withEventType("ProcedureStateChanged"), 1)
                    .getFirst().dedupeKey();
            assertThat(DedupeKeys.of(EventParser.parse(reconciled.getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(pushedKey);
        }
    }

    @Test
    void procedureStartsTheTaskFlowTemplateAndRecordsEveryOutput() throws Exception {
        try (VodhookServer server = receiver(ProcessingSettings.defaults().withProcedure("LongVideoPreset"))) {
            String fileId = calls.upload();

            MediaView media = awaitMedia(server, fileId, MediaState.FINISHED);

            assertThat(media.outputs()).extracting(OutputRecord::kind, OutputRecord::definition)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("CoverBySnapshot", 10),
                            org.assertj.core.groups.Tuple.tuple("Transcode", 100010),
                            org.assertj.core.groups.Tuple.tuple("Transcode", 100020));
            assertThat(media.outputs()).allMatch(OutputRecord::succeeded);
            StoredTask task = media.tasks().getFirst();
            assertThat(task.startedByUs()).isTrue();
            assertThat(task.sessionId()).contains(SessionIds.procedure(fileId, "LongVideoPreset"));
            assertThat(calls.tasksOn(fileId)).hasSize(1);
            assertThat(new Http(server.adminUrl()).get("/metrics").body())
                    .contains("vodhook_vod_processmediabyprocedure_total{outcome=\"started\"} 1.0");
        }
    }

    @Test
    void noneRecordsTheUploadAndStartsNothing() throws Exception {
        try (VodhookServer server = receiver(ProcessingSettings.defaults().withOnUpload(UploadAction.NONE))) {
            String fileId = calls.upload();

            awaitMedia(server, fileId, MediaState.UPLOADED);
            await().atMost(Duration.ofSeconds(60)).until(() -> server.database().inbox().countByStatus()
                    .get(dev.vodhook.store.inbox.EventStatus.DONE) == 1);

            // read again once the handler is done: still only uploaded, nothing started
            MediaView media = server.database().media().findMedia(fileId).orElseThrow();
            assertThat(media.state()).isEqualTo(MediaState.UPLOADED);
            assertThat(media.mediaUrl()).isPresent();
            assertThat(media.tasks()).isEmpty();
            assertThat(calls.tasksOn(fileId)).isEmpty();
        }
    }
}
