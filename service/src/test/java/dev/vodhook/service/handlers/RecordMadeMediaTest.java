package dev.vodhook.service.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.HandlerBench;
import dev.vodhook.service.TestEvents;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.testkit.Samples;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PullComplete, EditMediaComplete and ComposeMediaComplete: the task, and the media it made, from the samples. */
class RecordMadeMediaTest {
    static final String PULL_TASK = "1500012345-pull-893dc41e6fdc22dcf24aa6e9c61c0f94";
    static final String EDIT_TASK = "1500012345-EditMedia-61c975da05662fd9d3bf9d89a63361c0t0";
    static final String COMPOSE_TASK = "1500012345-ComposeMedia-f5ac8127b3b6b85cdc13f237c6005d81t0";

    @TempDir
    Path dir;

    HandlerBench bench;

    @BeforeEach
    void open() {
        bench = new HandlerBench(dir);
    }

    @AfterEach
    void close() {
        bench.close();
    }

    StoredTask task(String taskId) {
        return bench.db.media().findTask(taskId).orElseThrow();
    }

    @Test
    void aPulledFileIsANewMediaMadeByItsPullTask() {
        bench.handle(Samples.text("callback-v3-PullComplete.json"));

        MediaView media = bench.media("14508071098244951234");
        assertThat(media.state()).isEqualTo(MediaState.UPLOADED);
        assertThat(media.name()).contains("imported-talk");
        assertThat(media.mediaUrl()).hasValueSatisfying(url -> assertThat(url).endsWith("/talk.mp4"));
        assertThat(media.sourceTaskId()).contains(PULL_TASK);
        assertThat(media.tasks()).singleElement().satisfies(t -> {
            assertThat(t.taskId()).isEqualTo(PULL_TASK);
            assertThat(t.kind()).isEqualTo("PullUpload");
            assertThat(t.status()).isEqualTo(TaskStatus.FINISH);
            assertThat(t.startedByUs()).isFalse();
        });
        assertThat(bench.vod.calls()).as("a pull is recorded, not transcoded").isEmpty();
    }

    @Test
    void aFailedPullIsATaskWithItsErrCodeAndNoMedia() {
        bench.handle("""
                {"EventType":"PullComplete","PullCompleteEvent":{"TaskId":"t-pull-fail","Status":"FINISH",
                 "ErrCode":60000,"Message":"source file error","FileId":"","FileUrl":"http://x/a.mp4"}}""");

        StoredTask task = task("t-pull-fail");
        assertThat(task.status()).isEqualTo(TaskStatus.FINISH);
        assertThat(task.errCode()).isEqualTo(60000);
        assertThat(task.message()).isEqualTo("source file error");
        assertThat(task.fileId()).isEmpty();
    }

    @Test
    void aPullThatStartedATaskFlowLeavesTheMediaProcessingUnderIt() {
        bench.handle(Samples.text("callback-v3-PullComplete.json")
                .replace("\"ProcedureTaskId\": \"\"", "\"ProcedureTaskId\": \"1500012345-procedurev2-pulled\""));

        MediaView media = bench.media("14508071098244951234");
        assertThat(media.state()).isEqualTo(MediaState.PROCESSING);
        assertThat(media.procedureTaskId()).contains("1500012345-procedurev2-pulled");
        assertThat(media.tasks()).extracting(StoredTask::taskId)
                .containsExactlyInAnyOrder(PULL_TASK, "1500012345-procedurev2-pulled");
    }

    @Test
    void anEditedFileIsANewMediaMadeByItsEditTask() {
        bench.handle(Samples.text("callback-v3-EditMediaComplete.json"));

        MediaView media = bench.media("5285890813874599999");
        assertThat(media.state()).isEqualTo(MediaState.UPLOADED);
        assertThat(media.sourceTaskId()).contains(EDIT_TASK);
        assertThat(media.mediaUrl()).hasValueSatisfying(url -> assertThat(url).endsWith("9999/f0.mp4"));
        assertThat(task(EDIT_TASK).kind()).isEqualTo("EditMedia");
        assertThat(task(EDIT_TASK).fileId()).contains("5285890813874599999");
        assertThat(bench.db.media().findMedia("5285890813874512345")).as("its inputs are not touched").isEmpty();
    }

    @Test
    void aFailedEditKeepsItsCodesAndMakesNoMedia() {
        bench.handle("""
                {"EventType":"EditMediaComplete","EditMediaCompleteEvent":{"TaskId":"t-edit-fail","Status":"FINISH",
                 "ErrCode":70000,"ErrCodeExt":"InternalError","Message":"edit failed","Output":{"FileId":""}}}""");

        StoredTask task = task("t-edit-fail");
        assertThat(task.errCode()).isEqualTo(70000);
        assertThat(task.message()).isEqualTo("InternalError: edit failed");
        assertThat(task.fileId()).isEmpty();
    }

    @Test
    void aComposedFileIsANewMediaMadeByItsComposeTask() {
        bench.handle(Samples.text("callback-v3-ComposeMediaComplete.json"));

        MediaView media = bench.media("5285890813874588888");
        assertThat(media.name()).contains("composed-demo");
        assertThat(media.sourceTaskId()).contains(COMPOSE_TASK);
        assertThat(task(COMPOSE_TASK).kind()).isEqualTo("ComposeMedia");
        assertThat(task(COMPOSE_TASK).status()).isEqualTo(TaskStatus.FINISH);
    }

    @Test
    void aRepeatedTaskEventChangesNothing() {
        String body = Samples.text("callback-v3-EditMediaComplete.json");
        bench.handle(body);
        MediaView first = bench.media("5285890813874599999");
        long id = bench.db.inbox().list(dev.vodhook.store.inbox.EventFilter.all(), 1).getFirst().id();

        bench.db.inbox().replay(id, bench.clock.instant());
        bench.processor.runOnce();

        MediaView again = bench.media("5285890813874599999");
        assertThat(again.tasks()).isEqualTo(first.tasks());
        assertThat(again.sourceTaskId()).isEqualTo(first.sourceTaskId());
        assertThat(again.state()).isEqualTo(first.state());
    }

    @Test
    void aMadeMediaThatFinishedProcessingBeforeItsMakerReportedStaysFinished() {
        String composed = "5285890813874588888";
        bench.handle(TestEvents.procedureWithFailure(composed, "flow-on-composed", 0));
        bench.handle(Samples.text("callback-v3-ComposeMediaComplete.json"));

        MediaView media = bench.media(composed);
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.sourceTaskId()).contains(COMPOSE_TASK);
        assertThat(media.name()).contains("clip");
    }
}
