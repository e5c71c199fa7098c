package dev.vodhook.store.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.Lease;
import dev.vodhook.store.media.GeneratedWrites.Delete;
import dev.vodhook.store.media.GeneratedWrites.Events;
import dev.vodhook.store.media.GeneratedWrites.Step;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.EndpointSpec;
import dev.vodhook.store.outbox.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    void anOutputListedTwiceInOneWriteIsOneRowWithTheLaterValues() {
        media.upsertMedia(uploaded(FILE), T0);
        OutputRecord first = transcode(100010, "http://vod/v.f100010.mp4");
        OutputRecord later = new OutputRecord(TASK, "Transcode", 100010, "http://vod/v.f100010.mp4", 640, 360, 1, 2, 3,
                "mp4", OutputStatus.SUCCESS, 0, "", "again");

        media.recordOutputs(FILE, List.of(first, failedTranscode(100020), later), T0);

        assertThat(media.findMedia(FILE).orElseThrow().outputs()).containsExactlyInAnyOrder(later,
                failedTranscode(100020));
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
    void aSuccessWithoutAUrlReplacesAFailureToo() {
        media.upsertMedia(uploaded(FILE), T0);
        media.recordOutputs(FILE, List.of(failedTranscode(100010)), T0);

        media.recordOutputs(FILE, List.of(transcode(100010, ""), transcode(100020, "http://vod/v.f100020.mp4")),
                T0.plusSeconds(1));

        assertThat(media.findMedia(FILE).orElseThrow().outputs())
                .containsExactly(transcode(100010, ""), transcode(100020, "http://vod/v.f100020.mp4"));
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

    static final String OTHER_TASK = "1500012345-procedurev2-99999999999999999999999999999999t0";

    static OutputRecord cover(String url) {
        return new OutputRecord(TASK, "CoverBySnapshot", 10, url, 0, 0, 0, 0, 0, "", OutputStatus.SUCCESS, 0, "", "");
    }

    static OutputRecord fromTask(String taskId, OutputRecord o) {
        return new OutputRecord(taskId, o.kind(), o.definition(), o.url(), o.width(), o.height(), o.bitrate(),
                o.size(), o.duration(), o.container(), o.status(), o.errCode(), o.errCodeExt(), o.message());
    }

    @Test
    void aMediaMadeByATaskKeepsTheFirstSourceTaskKnown() {
        media.upsertMedia(new MediaUpdate(FILE, Optional.of("cut"), Optional.empty(), Optional.empty(),
                MediaState.UPLOADED, Optional.of("edit-1")), T0);
        media.upsertMedia(new MediaUpdate(FILE, Optional.empty(), Optional.empty(), Optional.empty(),
                MediaState.UPLOADED, Optional.of("edit-2")), T0.plusSeconds(1));

        assertThat(media.findMedia(FILE).orElseThrow().sourceTaskId()).contains("edit-1");
        media.upsertMedia(uploaded("2"), T0);
        assertThat(media.findMedia("2").orElseThrow().sourceTaskId()).isEmpty();
    }

    @Test
    void aWholeDeleteStampsEveryOutputAndStaysThroughLateEvents() {
        media.upsertMedia(uploaded(FILE), T0);
        media.recordOutputs(FILE, List.of(transcode(100010, "http://vod/v.f100010.mp4")), T0);

        media.write(T0.plusSeconds(1), w -> w.deleteMedia(FILE));
        media.upsertMedia(MediaUpdate.state(FILE, MediaState.FINISHED), T0.plusSeconds(2));
        media.recordOutputs(FILE, List.of(transcode(100010, "http://vod/v.f100010.mp4"),
                fromTask(OTHER_TASK, transcode(100020, "http://vod/v.f100020.mp4"))), T0.plusSeconds(3));

        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.state()).isEqualTo(MediaState.DELETED);
        assertThat(view.outputs()).extracting(OutputRecord::definition, OutputRecord::deletedAt).containsExactly(
                org.assertj.core.groups.Tuple.tuple(100010, Optional.of(T0.plusSeconds(1))),
                org.assertj.core.groups.Tuple.tuple(100020, Optional.of(T0.plusSeconds(3))));
    }

    @Test
    void aDeleteOfAnUnknownMediaKeepsALateUploadFromBringingItBack() {
        media.write(T0, w -> w.deleteMedia(FILE));
        media.upsertMedia(uploaded(FILE), T0.plusSeconds(1));

        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.state()).isEqualTo(MediaState.DELETED);
        assertThat(view.name()).contains("lesson-01");
    }

    @Test
    void outputsAreDeletedByKindAndDefinitionOrAllOfAKind() {
        media.upsertMedia(uploaded(FILE), T0);
        media.recordOutputs(FILE, List.of(transcode(100010, "http://vod/v.f100010.mp4"),
                transcode(100020, "http://vod/v.f100020.mp4"), failedTranscode(100030), cover("http://vod/c.jpg")), T0);
        int[] counts = new int[3];

        media.write(T0.plusSeconds(1), w -> {
            counts[0] = w.deleteOutputs(FILE, "Transcode", 100020);
            counts[1] = w.deleteOutputs(FILE, "Transcode", 0);
            counts[2] = w.deleteOutputs(FILE, "Transcode", 0);
        });

        assertThat(counts).containsExactly(1, 1, 0);
        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.state()).isEqualTo(MediaState.UPLOADED);
        assertThat(view.outputs()).filteredOn(OutputRecord::deleted).extracting(OutputRecord::definition)
                .containsExactlyInAnyOrder(100010, 100020);
        assertThat(view.outputs()).filteredOn(o -> !o.deleted()).extracting(OutputRecord::kind, OutputRecord::status)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("CoverBySnapshot", OutputStatus.SUCCESS),
                        org.assertj.core.groups.Tuple.tuple("Transcode", OutputStatus.FAIL));
    }

    @Test
    void aDeletedOutputStaysDeletedWhenItsTaskIsRecordedAgainButNotWhenAnotherTaskMakesItAgain() {
        media.upsertMedia(uploaded(FILE), T0);
        OutputRecord hd = transcode(100010, "http://vod/v.f100010.mp4");
        media.recordOutputs(FILE, List.of(hd), T0);
        media.write(T0.plusSeconds(1), w -> w.deleteOutputs(FILE, "Transcode", 100010));

        media.recordOutputs(FILE, List.of(hd), T0.plusSeconds(2));
        assertThat(media.findMedia(FILE).orElseThrow().outputs()).singleElement()
                .satisfies(o -> assertThat(o.deletedAt()).contains(T0.plusSeconds(1)));

        media.recordOutputs(FILE, List.of(fromTask(OTHER_TASK, hd)), T0.plusSeconds(3));
        assertThat(media.findMedia(FILE).orElseThrow().outputs()).singleElement().satisfies(o -> {
            assertThat(o.deleted()).isFalse();
            assertThat(o.taskId()).isEqualTo(OTHER_TASK);
        });
    }

    @Test
    void theOriginalCanBeDeletedAloneAndTheMediaStays() {
        media.write(T0, w -> w.deleteOriginal(FILE));
        media.upsertMedia(MediaUpdate.state(FILE, MediaState.FINISHED), T0.plusSeconds(1));
        media.write(T0.plusSeconds(2), w -> w.deleteOriginal(FILE));

        MediaView view = media.findMedia(FILE).orElseThrow();
        assertThat(view.state()).isEqualTo(MediaState.FINISHED);
        assertThat(view.originalDeletedAt()).contains(T0);
    }

    @Test
    void aSkipCreatesAnUnknownMediaKeepsItsReasonUntilClearedAndMovesNoState() {
        media.write(T0, w -> w.recordSkip(FILE, "VOD has no media with this FileId"));

        MediaView skipped = media.findMedia(FILE).orElseThrow();
        assertThat(skipped.state()).isEqualTo(MediaState.UPLOADED);
        assertThat(skipped.name()).isEmpty();
        assertThat(skipped.skipReason()).contains("VOD has no media with this FileId");
        assertThat(skipped.skippedAt()).contains(T0);

        media.upsertMedia(MediaUpdate.state(FILE, MediaState.FINISHED), T0.plusSeconds(1));
        media.write(T0.plusSeconds(2), w -> w.recordSkip(FILE, "already has every output\u0000"));
        MediaView again = media.findMedia(FILE).orElseThrow();
        assertThat(again.state()).as("a skip moves no state back").isEqualTo(MediaState.FINISHED);
        assertThat(again.skipReason()).contains("already has every output\uFFFD");
        assertThat(again.skippedAt()).contains(T0.plusSeconds(2));

        media.write(T0.plusSeconds(3), w -> w.clearSkip(FILE));
        MediaView cleared = media.findMedia(FILE).orElseThrow();
        assertThat(cleared.skipReason()).isEmpty();
        assertThat(cleared.skippedAt()).isEmpty();
        media.write(T0.plusSeconds(4), w -> w.clearSkip("unknown"));
        assertThat(media.findMedia("unknown")).as("clearing creates nothing").isEmpty();
    }

    @Test
    void quietTasksAreOurOpenTasksUnmovedAndUncheckedSinceTheGivenTime() {
        media.recordTask(task(TaskStatus.PROCESSING, 0, true), T0);
        media.recordTask(new TaskUpdate("not-ours", Optional.of(FILE), "Procedure", TaskStatus.PROCESSING, 0, "",
                Optional.empty(), false), T0);
        media.recordTask(new TaskUpdate("finished", Optional.of(FILE), "Procedure", TaskStatus.FINISH, 0, "",
                Optional.of("s"), true), T0);
        media.recordTask(new TaskUpdate("recent", Optional.of(FILE), "Procedure", TaskStatus.PROCESSING, 0, "",
                Optional.of("s2"), true), T0.plusSeconds(500));

        assertThat(media.quietTasks(T0.minusSeconds(1), 10)).isEmpty();
        assertThat(media.quietTasks(T0.plusSeconds(100), 10)).extracting(StoredTask::taskId).containsExactly(TASK);
        assertThat(media.quietTasks(T0.plusSeconds(600), 10)).extracting(StoredTask::taskId)
                .containsExactly(TASK, "recent");
        assertThat(media.quietTasks(T0.plusSeconds(600), 1)).hasSize(1);

        assertThat(media.claimCheck(TASK, T0.plusSeconds(100), T0.plusSeconds(200))).isTrue();
        assertThat(media.claimCheck(TASK, T0.plusSeconds(100), T0.plusSeconds(201))).as("claimed already").isFalse();
        assertThat(media.claimCheck("not-ours", T0.plusSeconds(100), T0.plusSeconds(200))).isFalse();
        assertThat(media.claimCheck("finished", T0.plusSeconds(100), T0.plusSeconds(200))).isFalse();
        media.recordCheckError(TASK, "InternalError: try later");
        assertThat(media.quietTasks(T0.plusSeconds(100), 10)).isEmpty();
        assertThat(media.quietTasks(T0.plusSeconds(200), 10)).extracting(StoredTask::taskId).containsExactly(TASK);
        StoredTask checked = media.findTask(TASK).orElseThrow();
        assertThat(checked.checkedAt()).contains(T0.plusSeconds(200));
        assertThat(checked.checkError()).contains("InternalError: try later");

        assertThat(media.claimCheck(TASK, T0.plusSeconds(200), T0.plusSeconds(300))).isTrue();
        assertThat(media.findTask(TASK).orElseThrow().checkError()).isEmpty();
    }

    @Test
    void aGivenUpTaskIsNoLongerQuietButCanStillFinish() {
        media.recordTask(task(TaskStatus.PROCESSING, 0, true), T0);

        assertThat(media.giveUp(TASK, "older than 3 days", T0.plusSeconds(10))).isTrue();
        assertThat(media.giveUp(TASK, "again", T0.plusSeconds(11))).isFalse();

        assertThat(media.quietTasks(T0.plusSeconds(1000), 10)).isEmpty();
        assertThat(media.findTask(TASK).orElseThrow().givenUpReason()).contains("older than 3 days");
        assertThat(media.recordTask(task(TaskStatus.FINISH, 0, false), T0.plusSeconds(20))).isTrue();
        assertThat(media.findTask(TASK).orElseThrow().status()).isEqualTo(TaskStatus.FINISH);
        assertThat(media.giveUp("unknown", "x", T0)).isFalse();
    }

    /**
     * The events of a claim written together ({@link MediaStore#writeAll}) leave media, tasks, outputs, notifications
     * and deliveries exactly as writing them one event after the other does, whatever files and tasks they share:
     * generated scenarios (GeneratedWrites), each written both ways into the same database under other ids.
     */
    @Test
    void eventsWrittenTogetherHaveTheEffectOfEventsWrittenOneAfterTheOther() {
        database.outbox().configure(List.of(new EndpointSpec("http://app/hook", Set.of())), Optional.empty(), T0);
        for (long seed = 0; seed < 60; seed++) {
            String one = "s" + seed + "-";
            String together = "a" + seed + "-";
            List<Step> oneByOne = GeneratedWrites.scenario(seed, one);
            List<Step> allAtOnce = GeneratedWrites.scenario(seed, together);
            for (int s = 0; s < oneByOne.size(); s++) {
                Instant now = T0.plusSeconds(s);
                switch (oneByOne.get(s)) {
                    case Events e -> e.events().forEach(event -> media.write(now, w -> writeOne(w, event)));
                    case Delete d -> media.write(now, w -> w.deleteMedia(d.fileId()));
                }
                switch (allAtOnce.get(s)) {
                    case Events e -> media.writeAll(now, e.events());
                    case Delete d -> media.write(now, w -> w.deleteMedia(d.fileId()));
                }
            }
            assertThat(state(together)).as("GeneratedWrites.scenario(%d, ...)", seed).isEqualTo(state(one));
        }
    }

    @Test
    void eventsWrittenTogetherAreMarkedDoneInTheSameTransactionUnlessTheirLeaseWasLost() {
        Inbox inbox = database.inbox();
        for (String key : List.of("k1", "k2")) {
            inbox.append(new IncomingEvent(T0, EventSource.PUSH, "ProcedureStateChanged", "V3", key, "{}", Map.of()));
        }
        List<ClaimedEvent> claimed = inbox.claimDue("w1", T0, Duration.ofSeconds(30), 10);
        Lease held = claimed.get(0).lease();
        Lease lost = new Lease(claimed.get(1).id(), "w1", claimed.get(1).attempt() + 1, held.until());

        Set<Long> marked = media.writeAll(T0.plusSeconds(1), List.of(
                new MediaWrites(Optional.of(uploaded(FILE)), List.of(task(TaskStatus.FINISH, 0, true)),
                        List.of(transcode(100010, "http://vod/v.f100010.mp4")))), List.of(held, lost));

        assertThat(marked).containsExactly(held.eventId());
        assertThat(inbox.find(held.eventId()).orElseThrow().status()).isEqualTo(EventStatus.DONE);
        assertThat(inbox.find(held.eventId()).orElseThrow().processedAt()).contains(T0.plusSeconds(1));
        assertThat(inbox.find(lost.eventId()).orElseThrow().status()).as("held by attempt 1, not the lease's 2")
                .isEqualTo(EventStatus.PROCESSING);
        assertThat(media.findMedia(FILE).orElseThrow().outputs()).extracting(OutputRecord::url)
                .containsExactly("http://vod/v.f100010.mp4");
    }

    private static void writeOne(MediaWriter w, MediaWrites event) {
        event.media().ifPresent(w::upsertMedia);
        event.tasks().forEach(w::recordTask);
        event.media().ifPresent(m -> w.recordOutputs(m.fileId(), event.outputs()));
    }

    /** Everything the scenario of {@code prefix} left, as text without the prefix or the notifications' ids. */
    private List<String> state(String prefix) {
        List<String> state = new ArrayList<>();
        for (int f = 0; f < GeneratedWrites.FILES; f++) {
            String fileId = GeneratedWrites.file(prefix, f);
            state.add(String.valueOf(media.findMedia(fileId)));
            for (Notification n : database.outbox().log().notifications(fileId)) {
                state.add(n.sequence() + " " + n.type() + " " + n.createdAt() + " "
                        + n.body().replace(n.eventId(), "ID"));
            }
        }
        for (int t = 0; t < GeneratedWrites.TASKS; t++) {
            state.add(String.valueOf(media.findTask(GeneratedWrites.task(prefix, t))));
        }
        database.outbox().log().list(DeliveryFilter.all(), 100_000).stream()
                .filter(d -> d.fileId().startsWith(prefix))
                .map(d -> d.fileId() + " " + d.sequence() + " " + d.type() + " " + d.status())
                .sorted()
                .forEach(state::add);
        return state.stream().map(line -> line.replace(prefix, "")).toList();
    }
}
