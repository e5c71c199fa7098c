package dev.vodhook.service.handlers;

import static dev.vodhook.service.TestEvents.SAMPLE_FILE_ID;
import static dev.vodhook.service.TestEvents.SAMPLE_TASK_ID;
import static dev.vodhook.service.TestEvents.append;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.processing.Processor;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.testkit.Samples;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

public class RecordProcedureResultsTest {
    public static final String URL_100010 = "http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/"
            + "a1b2c3d45285890813874512345/v.f100010.mp4";

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Database db;
    Processor processor;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
        processor = new Processor(db.inbox(), new Handlers(Map.of("ProcedureStateChanged",
                new RecordProcedureResults(db.media(), clock))), RetryPolicy.defaults(), WorkerSettings.defaults(),
                clock, new ServiceMetrics(), new SplittableRandom(1));
        logs.start();
        ((Logger) LoggerFactory.getLogger(RecordProcedureResults.class)).addAppender(logs);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(RecordProcedureResults.class)).detachAppender(logs);
        db.close();
    }

    MediaView handle(String body) {
        long id = append(db.inbox(), body, clock.instant());
        processor.runOnce();
        assertThat(db.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.DONE);
        clock.tick(Duration.ofSeconds(1));
        return db.media().findMedia(SAMPLE_FILE_ID).orElseThrow();
    }

    List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void theSampleRecordsEveryOutputOfEverySubTask() {
        MediaView media = handle(Samples.text("callback-v3-ProcedureStateChanged.json"));

        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.name()).contains("lesson-01");
        assertThat(media.taskId()).contains(SAMPLE_TASK_ID);
        StoredTask task = media.tasks().getFirst();
        assertThat(task.status()).isEqualTo(TaskStatus.FINISH);
        assertThat(task.sessionId()).contains("job-9-transcode");
        assertThat(media.outputs()).extracting(OutputRecord::kind, OutputRecord::definition)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("AdaptiveDynamicStreaming", 10),
                        org.assertj.core.groups.Tuple.tuple("CoverBySnapshot", 10),
                        org.assertj.core.groups.Tuple.tuple("ImageSprites", 10),
                        org.assertj.core.groups.Tuple.tuple("ImageSprites", 10),
                        org.assertj.core.groups.Tuple.tuple("SnapshotByTimeOffset", 10),
                        org.assertj.core.groups.Tuple.tuple("SnapshotByTimeOffset", 10),
                        org.assertj.core.groups.Tuple.tuple("Transcode", 100010));
        OutputRecord transcode = media.outputs().stream().filter(o -> o.kind().equals("Transcode")).findFirst()
                .orElseThrow();
        assertThat(transcode).isEqualTo(new OutputRecord(SAMPLE_TASK_ID, "Transcode", 100010, URL_100010, 640, 360,
                465_000, 3_487_500, 60.04, "mov,mp4,m4a,3gp,3g2,mj2", OutputStatus.SUCCESS, 0, "", "SUCCESS"));
        assertThat(lines()).containsOnlyOnce("Transcode succeeded. FileId: " + SAMPLE_FILE_ID
                + ", Definition: 100010, Url: " + URL_100010);
        assertThat(lines()).filteredOn(l -> l.startsWith("Transcode ")).hasSize(1);
    }

    @Test
    void aRunningFlowIsRecordedWithoutOutputs() {
        MediaView media = handle(TestEvents.procedureWithStatus("PROCESSING"));

        assertThat(media.state()).isEqualTo(MediaState.PROCESSING);
        assertThat(media.tasks()).extracting(StoredTask::status).containsExactly(TaskStatus.PROCESSING);
        assertThat(media.outputs()).isEmpty();
        assertThat(lines()).noneMatch(l -> l.startsWith("Transcode "));
    }

    @Test
    void aLateProcessingAfterTheFinishChangesNothing() {
        MediaView finished = handle(Samples.text("callback-v3-ProcedureStateChanged.json"));
        MediaView after = handle(TestEvents.procedureWithStatus("PROCESSING"));

        assertThat(after.state()).isEqualTo(MediaState.FINISHED);
        assertThat(after.tasks()).extracting(StoredTask::status).containsExactly(TaskStatus.FINISH);
        assertThat(after.tasks().getFirst().updatedAt()).isEqualTo(finished.tasks().getFirst().updatedAt());
        assertThat(after.outputs()).isEqualTo(finished.outputs());
    }

    @Test
    void aFailedSubTaskIsRecordedPerDefinitionAndLogged() {
        MediaView media = handle(TestEvents.procedureWithFailure(SAMPLE_FILE_ID, "task-f", 0));

        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.outputs()).extracting(OutputRecord::definition, OutputRecord::status, OutputRecord::errCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(100010, OutputStatus.SUCCESS, 0L),
                        org.assertj.core.groups.Tuple.tuple(100020, OutputStatus.FAIL, 70000L));
        assertThat(media.outputs().get(1).message()).isEqualTo("transcoder crashed");
        assertThat(lines()).containsOnlyOnce("Transcode failed. FileId: " + SAMPLE_FILE_ID
                + ", Definition: 100020, ErrCode: 70000/InternalError, Message: transcoder crashed");
    }

    @Test
    void aFlowLevelErrorIsAFailure() {
        MediaView media = handle(TestEvents.procedureWithFailure(SAMPLE_FILE_ID, "task-f", 40000));

        assertThat(media.state()).isEqualTo(MediaState.FAILED);
        assertThat(media.tasks().getFirst().errCode()).isEqualTo(40000);
        assertThat(media.tasks().getFirst().message()).isEqualTo("flow failed");
    }

    @Test
    void theLegacyFormatIsRecordedToo() {
        MediaView media = handle(Samples.text("callback-v2-legacy-ProcedureStateChanged.json"));

        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.outputs()).extracting(OutputRecord::kind, OutputRecord::definition, OutputRecord::url)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Transcode", 100010, URL_100010));
    }

    @Test
    void theSameEventTwiceRecordsEachOutputOnce() {
        String body = Samples.text("callback-v3-ProcedureStateChanged.json");
        handle(body);
        long again = db.inbox().list(dev.vodhook.store.inbox.EventFilter.all(), 1).getFirst().id();
        db.inbox().replay(again, clock.instant());
        processor.runOnce();

        assertThat(db.media().findMedia(SAMPLE_FILE_ID).orElseThrow().outputs()).hasSize(7);
    }
}
