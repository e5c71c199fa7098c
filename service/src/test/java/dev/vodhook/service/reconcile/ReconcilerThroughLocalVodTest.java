package dev.vodhook.service.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.emulator.Delivery;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.Http;
import dev.vodhook.service.LocalVodCalls;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler against the local VOD: the ProcedureStateChanged push of a task vodhook started is lost, the
 * receiver's settable clock moves past {@code reconcile-after}, one reconciler pass asks DescribeTaskDetail through
 * the official SDK, and the outputs are recorded as if the event had come.
 */
class ReconcilerThroughLocalVodTest {
    @TempDir
    Path dir;

    @Test
    void aTaskWhosePushWasLostIsRecordedAfterOneReconcilerPass() throws Exception {
        SettableClock clock = new SettableClock(Instant.now());
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false).withPushLoop(false))) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            ServiceConfig config = calls.receiverConfig(TestReceivers.config(dir, clock))
                    .withDefinitions(List.of(100010))
                    .withProcessing(ProcessingSettings.defaults().withReconcileEvery(Duration.ofHours(1)));
            try (VodhookServer server = VodhookServer.start(config)) {
                calls.pushTo(server.baseUrl() + "/callback");
                String fileId = calls.upload();
                vod.runDuePushes(); // NewFileUpload is delivered; the receiver starts the transcode
                String taskId = await().atMost(Duration.ofSeconds(60)).until(() -> server.database().media()
                        .findMedia(fileId).flatMap(MediaView::taskId), t -> t.isPresent()).orElseThrow();
                vod.faults().dropNextPushes(1);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    vod.runDuePushes();
                    return vod.deliveries().ofType("ProcedureStateChanged").stream().map(Delivery::status).toList();
                }, statuses -> statuses.equals(List.of(Delivery.LOST)));
                assertThat(server.database().media().findTask(taskId).orElseThrow().status())
                        .isEqualTo(TaskStatus.PROCESSING);

                clock.tick(Duration.ofMinutes(9));
                assertThat(server.reconciler().runOnce()).as("not quiet long enough yet").isZero();
                clock.tick(Duration.ofMinutes(2));
                assertThat(server.reconciler().runOnce()).isEqualTo(1);

                MediaView media = await().atMost(Duration.ofSeconds(60)).until(() -> server.database().media()
                        .findMedia(fileId).orElseThrow(), m -> m.state() == MediaState.FINISHED);
                assertThat(media.outputs()).extracting(OutputRecord::kind, OutputRecord::definition,
                        OutputRecord::succeeded).containsExactly(
                                org.assertj.core.groups.Tuple.tuple("Transcode", 100010, true));
                assertThat(media.outputs().getFirst().url()).startsWith(vod.baseUrl()).endsWith("v.f100010.mp4");
                assertThat(server.database().media().findTask(taskId).orElseThrow().status())
                        .isEqualTo(TaskStatus.FINISH);
                assertThat(server.database().inbox().list(EventFilter.all().withEventType("ProcedureStateChanged"), 5))
                        .singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(EventSource.RECONCILE));
                assertThat(new Http(server.adminUrl()).get("/metrics").body())
                        .contains("vodhook_reconciler_checks_total{outcome=\"recorded\"} 1.0");
            }
        }
    }
}
