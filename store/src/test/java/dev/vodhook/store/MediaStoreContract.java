package dev.vodhook.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do for media, tasks and outputs; subclassed per database. */
abstract class MediaStoreContract {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String FILE = "14508071098244959037"; // 20 digits: more than a signed long holds
    static final String TASK = "1500012345-procedurev2-6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8at0";

    Database database;
    MediaStore media;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        media = database.media();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    static MediaUpdate uploaded(String fileId) {
        return new MediaUpdate(fileId, Optional.of("lesson-01"), Optional.of("http://vod/f0.mp4"),
                Optional.empty(), MediaState.UPLOADED);
    }

    static TaskUpdate task(TaskStatus status, long errCode, boolean startedByUs) {
        return new TaskUpdate(TASK, Optional.of(FILE), "Procedure", status, errCode, "msg-" + status,
                startedByUs ? Optional.of("vodhook-abc") : Optional.empty(), startedByUs);
    }

    static OutputRecord transcode(int definition, String url) {
        return new OutputRecord(TASK, "Transcode", definition, url, 640, 360, 465_000, 3_487_500, 60.04,
                "mov,mp4,m4a,3gp,3g2,mj2", OutputStatus.SUCCESS, 0, "", "SUCCESS");
    }

    static OutputRecord failedTranscode(int definition) {
        return new OutputRecord(TASK, "Transcode", definition, "", 0, 0, 0, 0, 0, "", OutputStatus.FAIL,
                70000, "InternalError", "transcode failed");
    }

    @Test
    void anUploadCreatesTheMediaWithAStringFileId() {
        media.upsertMedia(uploaded(FILE), T0);

        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.fileId()).isEqualTo(FILE);
        assertThat(view.name()).contains("lesson-01");
        assertThat(view.mediaUrl()).contains("http://vod/f0.mp4");
        assertThat(view.state()).isEqualTo(MediaState.UPLOADED);
        assertThat(view.taskId()).isEmpty();
        assertThat(view.outputs()).isEmpty();
        assertThat(view.tasks()).isEmpty();
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(media.findMedia("404")).isEmpty();
    }

    @Test
    void theMediaStateNeverMovesBackwards() {
        media.upsertMedia(MediaUpdate.state(FILE, MediaState.FINISHED), T0);
        media.upsertMedia(MediaUpdate.state(FILE, MediaState.PROCESSING), T0.plusSeconds(1));
        media.upsertMedia(uploaded(FILE), T0.plusSeconds(2));
        media.upsertMedia(MediaUpdate.state(FILE, MediaState.FAILED), T0.plusSeconds(3));

        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.state()).isEqualTo(MediaState.FINISHED);
        assertThat(view.name()).contains("lesson-01"); // a late upload event still fills in what was missing
        assertThat(view.createdAt()).isEqualTo(T0);

        media.upsertMedia(new MediaUpdate(FILE, Optional.of("renamed"), Optional.of("http://other"),
                Optional.of("proc-2"), MediaState.PROCESSING), T0.plusSeconds(4));
        assertThat(media.findMedia(FILE).orElseThrow().name()).contains("lesson-01");
        assertThat(media.findMedia(FILE).orElseThrow().mediaUrl()).contains("http://vod/f0.mp4");
        assertThat(media.findMedia(FILE).orElseThrow().procedureTaskId()).contains("proc-2");

        media.upsertMedia(MediaUpdate.state(FILE, MediaState.DELETED), T0.plusSeconds(5));
        assertThat(media.findMedia(FILE).orElseThrow().state()).isEqualTo(MediaState.DELETED);
    }

    @Test
    void theUploadsProcedureIsTheTaskUntilATaskIsRecorded() {
        media.upsertMedia(new MediaUpdate(FILE, Optional.empty(), Optional.empty(), Optional.of("proc-1"),
                MediaState.UPLOADED), T0);
        assertThat(media.findMedia(FILE).orElseThrow().taskId()).contains("proc-1");

        media.recordTask(task(TaskStatus.PROCESSING, 0, true), T0.plusSeconds(1));
        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.taskId()).contains(TASK);
        assertThat(view.procedureTaskId()).contains("proc-1");
    }

    @Test
    void aTaskStatusNeverMovesBackwards() {
        assertThat(media.recordTask(task(TaskStatus.PROCESSING, 0, false), T0)).isTrue();
        assertThat(media.recordTask(task(TaskStatus.FINISH, 0, false), T0.plusSeconds(1))).isTrue();
        assertThat(media.recordTask(task(TaskStatus.PROCESSING, 99, false), T0.plusSeconds(2))).isFalse();
        assertThat(media.recordTask(task(TaskStatus.FINISH, 0, false), T0.plusSeconds(3))).isFalse();

        StoredTask stored = media.findTask(TASK).orElseThrow();
        assertThat(stored.status()).isEqualTo(TaskStatus.FINISH);
        assertThat(stored.errCode()).isZero();
        assertThat(stored.message()).isEqualTo("msg-FINISH");
        assertThat(stored.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.createdAt()).isEqualTo(T0);
    }

    @Test
    void startedByUsAndTheSessionIdStickEvenWhenRecordedAfterTheFinish() {
        media.recordTask(new TaskUpdate(TASK, Optional.empty(), "Procedure", TaskStatus.FINISH, 0, "", Optional.empty(),
                false), T0);
        assertThat(media.recordTask(task(TaskStatus.PROCESSING, 0, true), T0.plusSeconds(1))).isFalse();

        StoredTask stored = media.findTask(TASK).orElseThrow();
        assertThat(stored.status()).isEqualTo(TaskStatus.FINISH);
        assertThat(stored.startedByUs()).isTrue();
        assertThat(stored.sessionId()).contains("vodhook-abc");
        assertThat(stored.fileId()).contains(FILE);

        media.recordTask(task(TaskStatus.FINISH, 0, false), T0.plusSeconds(2));
        assertThat(media.findTask(TASK).orElseThrow().startedByUs()).isTrue();
        assertThat(media.findTask("unknown")).isEmpty();
    }

    @Test
    void recordingOutputsTwiceKeepsOneRowEach() {
        media.upsertMedia(uploaded(FILE), T0);
        List<OutputRecord> outputs = List.of(transcode(100010, "http://vod/v.f100010.mp4"),
                transcode(100020, "http://vod/v.f100020.mp4"));

        media.recordOutputs(FILE, outputs, T0);
        media.recordOutputs(FILE, outputs, T0.plusSeconds(1));

        assertThat(media.findMedia(FILE).orElseThrow().outputs()).containsExactlyElementsOf(outputs);
    }

    @Test
    void severalUrlsOfOneDefinitionAreAllKept() {
        media.upsertMedia(uploaded(FILE), T0);
        OutputRecord pic1 = new OutputRecord(TASK, "SnapshotByTimeOffset", 10, "http://vod/1.jpg", 0, 0, 0, 0, 0, "",
                OutputStatus.SUCCESS, 0, "", "");
        OutputRecord pic2 = new OutputRecord(TASK, "SnapshotByTimeOffset", 10, "http://vod/2.jpg", 0, 0, 0, 0, 0, "",
                OutputStatus.SUCCESS, 0, "", "");

        media.recordOutputs(FILE, List.of(pic2, pic1), T0);

        assertThat(media.findMedia(FILE).orElseThrow().outputs()).containsExactly(pic1, pic2);
    }

    @Test
    void aSuccessReplacesAFailureOfTheSameDefinition() {
        media.upsertMedia(uploaded(FILE), T0);
        media.recordOutputs(FILE, List.of(failedTranscode(100010), failedTranscode(100020)), T0);
        assertThat(media.findMedia(FILE).orElseThrow().outputs()).extracting(OutputRecord::status)
                .containsExactly(OutputStatus.FAIL, OutputStatus.FAIL);

        media.recordOutputs(FILE, List.of(transcode(100010, "http://vod/v.f100010.mp4")), T0.plusSeconds(1));

        assertThat(media.findMedia(FILE).orElseThrow().outputs())
                .containsExactly(transcode(100010, "http://vod/v.f100010.mp4"), failedTranscode(100020));
    }

    @Test
    void aLateFailureDoesNotOverwriteASuccess() {
        media.upsertMedia(uploaded(FILE), T0);
        media.recordOutputs(FILE, List.of(transcode(100010, "http://vod/v.f100010.mp4")), T0);
        media.recordOutputs(FILE, List.of(failedTranscode(100010)), T0.plusSeconds(1));

        assertThat(media.findMedia(FILE).orElseThrow().outputs())
                .containsExactly(transcode(100010, "http://vod/v.f100010.mp4"));
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        assertThatThrownBy(() -> media.write(T0, w -> {
            w.upsertMedia(uploaded(FILE));
            w.recordTask(task(TaskStatus.PROCESSING, 0, true));
            throw new IllegalStateException("handler bug");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(media.findMedia(FILE)).isEmpty();
        assertThat(media.findTask(TASK)).isEmpty();
    }

    @Test
    void oneWriteCanTouchMediaTaskAndOutputs() {
        media.write(T0, w -> {
            w.upsertMedia(MediaUpdate.state(FILE, MediaState.FINISHED));
            w.recordTask(task(TaskStatus.FINISH, 0, false));
            w.recordOutput(FILE, transcode(100010, "http://vod/v.f100010.mp4"));
        });

        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.state()).isEqualTo(MediaState.FINISHED);
        assertThat(view.tasks()).extracting(StoredTask::status).containsExactly(TaskStatus.FINISH);
        assertThat(view.outputs()).hasSize(1);
    }
}
