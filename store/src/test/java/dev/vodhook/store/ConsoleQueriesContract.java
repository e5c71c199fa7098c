package dev.vodhook.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.inbox.MinuteCount;
import dev.vodhook.store.media.MediaCatalog;
import dev.vodhook.store.media.MediaFilter;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaSummary;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must answer for the console: searches, timelines, activity, media listings. */
abstract class ConsoleQueriesContract {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String FILE = "14508071098244959037";
    static final String TASK = "1500012345-procedurev2-6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8at0";

    Database database;
    Inbox inbox;

    abstract Database openDatabase();

    @BeforeEach
    void open() {
        database = openDatabase();
        inbox = database.inbox();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    static IncomingEvent event(String key, String type, Instant at, EventSource source, String fileId, String taskId) {
        return new IncomingEvent(at, source, type, "V3", key, "{\"EventType\":\"" + type + "\",\"k\":\"" + key + "\"}",
                Map.of(), Optional.ofNullable(fileId), Optional.ofNullable(taskId));
    }

    @Test
    void theFileIdAndTaskIdAreKeptWithTheEventWhetherAppendedAloneOrInABatch() {
        long alone = inbox.append(event("a", "NewFileUpload", T0, EventSource.PUSH, FILE, null)).id();
        long batched = inbox.appendAll(List.of(event("b", "ProcedureStateChanged", T0, EventSource.PULL, FILE, TASK),
                event("c", "Other", T0, EventSource.PULL, null, " "))).getFirst().id();

        assertThat(inbox.find(alone).orElseThrow().fileId()).contains(FILE);
        assertThat(inbox.find(alone).orElseThrow().taskId()).isEmpty();
        assertThat(inbox.find(batched).orElseThrow().taskId()).contains(TASK);
        assertThat(inbox.list(EventFilter.all(), 10)).extracting(EventSummary::fileId)
                .containsExactly(Optional.empty(), Optional.of(FILE), Optional.of(FILE));
    }

    @Test
    void searchFindsAnEventByIdFileIdOrTaskId() {
        long upload = inbox.append(event("a", "NewFileUpload", T0, EventSource.PUSH, FILE, null)).id();
        long finish = inbox.append(event("b", "ProcedureStateChanged", T0, EventSource.PUSH, FILE, TASK)).id();
        long other = inbox.append(event("c", "NewFileUpload", T0, EventSource.PUSH, "5285485487985271487", null)).id();

        assertThat(ids(EventFilter.all().withSearch(FILE))).containsExactly(finish, upload);
        assertThat(ids(EventFilter.all().withSearch(" " + TASK + " "))).containsExactly(finish);
        assertThat(ids(EventFilter.all().withSearch(String.valueOf(other)))).containsExactly(other);
        assertThat(ids(EventFilter.all().withSearch("5285485487985271487"))).containsExactly(other);
        assertThat(ids(EventFilter.all().withSearch("nothing-like-it"))).isEmpty();
        assertThat(ids(EventFilter.all().withSearch(FILE).withEventType("NewFileUpload"))).containsExactly(upload);
    }

    @Test
    void sourceFiltersAndCountsFollowTheFilter() {
        inbox.append(event("a", "NewFileUpload", T0, EventSource.PUSH, FILE, null));
        long pulled = inbox.append(event("b", "NewFileUpload", T0.plusSeconds(60), EventSource.PULL, "2", null)).id();
        long rebuilt = inbox.append(event("c", "ProcedureStateChanged", T0.plusSeconds(120), EventSource.RECONCILE,
                FILE, TASK)).id();

        assertThat(ids(EventFilter.all().withSource(EventSource.RECONCILE))).containsExactly(rebuilt);
        assertThat(inbox.count(EventFilter.all())).isEqualTo(3);
        assertThat(inbox.count(EventFilter.all().withSource(EventSource.PUSH))).isEqualTo(1);
        assertThat(inbox.count(EventFilter.all().withReceivedFrom(T0.plusSeconds(60)))).isEqualTo(2);
        assertThat(inbox.count(EventFilter.all().withBeforeId(rebuilt))).isEqualTo(2);
        assertThat(inbox.count(EventFilter.all().withBeforeId(rebuilt).fromNewest())).isEqualTo(3);
        assertThat(ids(EventFilter.all().withSource(EventSource.PULL).withStatus(EventStatus.PENDING)))
                .containsExactly(pulled);
    }

    @Test
    void aFilesEventsComeInTheOrderReceivedAndItsFirstUploadBodyIsFound() {
        long first = inbox.append(event("a", "NewFileUpload", T0, EventSource.PUSH, FILE, null)).id();
        inbox.append(event("x", "NewFileUpload", T0, EventSource.PUSH, "other", null));
        long second = inbox.append(event("b", "ProcedureStateChanged", T0, EventSource.PUSH, FILE, TASK)).id();
        inbox.append(event("c", "NewFileUpload", T0, EventSource.PULL, FILE, null));

        assertThat(inbox.aboutFile(FILE, 2)).extracting(EventSummary::id).containsExactly(first, second);
        assertThat(inbox.aboutFile("none", 10)).isEmpty();
        Map<String, String> bodies = inbox.firstBodies("NewFileUpload", List.of(FILE, "other", "none", FILE));
        assertThat(bodies).containsOnlyKeys(FILE, "other");
        assertThat(bodies.get(FILE)).contains("\"k\":\"a\"");
        assertThat(inbox.firstBodies("NewFileUpload", List.of())).isEmpty();
    }

    @Test
    void activityCountsReceivedAndFinishedEventsPerMinute() {
        Instant minute = T0.plus(Duration.ofMinutes(10));
        inbox.append(event("old", "NewFileUpload", T0, EventSource.PUSH, "1", null));
        inbox.append(event("a", "NewFileUpload", minute.plusSeconds(1), EventSource.PUSH, "2", null));
        inbox.append(event("b", "NewFileUpload", minute.plusSeconds(59), EventSource.PUSH, "3", null));
        inbox.append(event("c", "NewFileUpload", minute.plusSeconds(61), EventSource.PULL, "4", null));
        List<ClaimedEvent> claimed = inbox.claimDue("w", minute.plusSeconds(120), Duration.ofSeconds(30), 10);
        inbox.markDone(claimed.get(0).lease(), minute.plusSeconds(121));
        inbox.markDone(claimed.get(1).lease(), minute.plusSeconds(122));
        inbox.markDead(claimed.get(2).lease(), "boom", minute.plusSeconds(185));
        inbox.markFailed(claimed.get(3).lease(), "try later", minute.plusSeconds(600));

        var activity = database.activity();
        assertThat(activity.receivedPerMinute(minute)).containsExactly(
                new MinuteCount(minute, "PUSH", 2), new MinuteCount(minute.plusSeconds(60), "PULL", 1));
        assertThat(activity.finishedPerMinute(minute)).containsExactly(
                new MinuteCount(minute.plusSeconds(120), "DONE", 2), new MinuteCount(minute.plusSeconds(180), "DEAD", 1));
        assertThat(activity.latestFailures(10)).extracting(EventSummary::dedupeKey).containsExactly("c", "b");
        assertThat(activity.latestFailures(1)).hasSize(1);
    }

    @Test
    void mediaAreListedNewestChangeFirstAPageAtATime() {
        MediaStore media = database.media();
        for (int i = 0; i < 5; i++) {
            media.upsertMedia(MediaUpdate.state("file-" + i, MediaState.UPLOADED), T0.plusSeconds(i / 2));
        }
        MediaCatalog catalog = database.catalog();

        List<MediaSummary> first = catalog.list(MediaFilter.all(), 2);
        assertThat(first).extracting(MediaSummary::fileId).containsExactly("file-4", "file-3");
        List<MediaSummary> second = catalog.list(MediaFilter.all().withAfter(first.getLast().position()), 2);
        assertThat(second).extracting(MediaSummary::fileId).containsExactly("file-2", "file-1");
        List<MediaSummary> last = catalog.list(MediaFilter.all().withAfter(second.getLast().position()), 2);
        assertThat(last).extracting(MediaSummary::fileId).containsExactly("file-0");
    }

    @Test
    void mediaFilterByStateAndSearchByFileIdOrNameAndCountTheirLiveOutputsAndCover() {
        MediaStore media = database.media();
        media.upsertMedia(new MediaUpdate(FILE, Optional.of("Lesson_01 Intro"), Optional.empty(), Optional.empty(),
                MediaState.UPLOADED), T0);
        media.upsertMedia(MediaUpdate.state(FILE, MediaState.FINISHED), T0.plusSeconds(5));
        media.upsertMedia(new MediaUpdate("other", Optional.of("100% lesson"), Optional.empty(), Optional.empty(),
                MediaState.UPLOADED), T0.plusSeconds(1));
        media.recordOutputs(FILE, List.of(
                output("Transcode", 100010, "http://vod/a.mp4", OutputStatus.SUCCESS),
                output("Transcode", 100020, "http://vod/b.mp4", OutputStatus.SUCCESS),
                output("Transcode", 100030, "", OutputStatus.FAIL),
                output("CoverBySnapshot", 10, "http://vod/cover.jpg", OutputStatus.SUCCESS)), T0.plusSeconds(5));
        MediaCatalog catalog = database.catalog();

        MediaSummary finished = catalog.list(MediaFilter.all().withState(MediaState.FINISHED), 10).getFirst();
        assertThat(finished.fileId()).isEqualTo(FILE);
        assertThat(finished.name()).contains("Lesson_01 Intro");
        assertThat(finished.outputs()).isEqualTo(3);
        assertThat(finished.coverUrl()).contains("http://vod/cover.jpg");
        assertThat(catalog.list(MediaFilter.all().withState(MediaState.FAILED), 10)).isEmpty();
        assertThat(catalog.list(MediaFilter.all().withSearch("LESSON"), 10)).extracting(MediaSummary::fileId)
                .containsExactly(FILE, "other");
        assertThat(catalog.list(MediaFilter.all().withSearch("n_0"), 10)).extracting(MediaSummary::fileId)
                .containsExactly(FILE);
        assertThat(catalog.list(MediaFilter.all().withSearch("100%"), 10)).extracting(MediaSummary::fileId)
                .containsExactly("other");
        assertThat(catalog.list(MediaFilter.all().withSearch("1_0"), 10)).isEmpty(); // LIKE wildcards are taken literally
        assertThat(catalog.list(MediaFilter.all().withSearch(FILE), 10)).extracting(MediaSummary::fileId)
                .containsExactly(FILE);
        assertThat(catalog.list(MediaFilter.all().withSearch("other"), 10).getFirst().coverUrl()).isEmpty();
        assertThat(catalog.countByState()).containsEntry(MediaState.FINISHED, 1L).containsEntry(MediaState.UPLOADED, 1L)
                .doesNotContainKey(MediaState.FAILED);
    }

    private static OutputRecord output(String kind, int definition, String url, OutputStatus status) {
        return new OutputRecord(TASK, kind, definition, url, 640, 360, 1000, 2000, 2.0, "mp4", status, 0, "", "");
    }

    private List<Long> ids(EventFilter filter) {
        return inbox.list(filter, 50).stream().map(EventSummary::id).toList();
    }
}
