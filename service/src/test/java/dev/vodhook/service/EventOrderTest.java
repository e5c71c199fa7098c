package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.testkit.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events of one media handled in every order they could arrive in: the end state is the same, and no state ever
 * moves backwards. Each order runs on its own FileId and TaskId (the sample's, renumbered) in one database.
 */
class EventOrderTest {
    static final String FILE_ID = TestEvents.SAMPLE_FILE_ID;
    static final String TASK_HEX = "6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8a";

    static final String UPLOAD = Samples.text("callback-v3-NewFileUpload.json"); // names the flow TASK_HEX
    static final String RUNNING = TestEvents.procedureWithStatus("PROCESSING");
    static final String FINISHED = Samples.text("callback-v3-ProcedureStateChanged.json");
    static final String DELETED = """
            {"EventType":"FileDeleted","FileDeleteEvent":{"FileIdSet":["%s"],
             "FileDeleteResultInfo":[{"FileId":"%s","DeleteParts":[]}]}}""".formatted(FILE_ID, FILE_ID);

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

    /** The event renumbered for run {@code n}: its own FileId (same length) and TaskId. */
    static String forRun(String body, int n) {
        String fileId = FILE_ID.substring(0, FILE_ID.length() - 4) + String.format("%04d", n);
        String hex = TASK_HEX.substring(0, TASK_HEX.length() - 4) + String.format("%04x", n);
        return body.replace(FILE_ID, fileId).replace(TASK_HEX, hex);
    }

    static String fileId(int n) {
        return forRun(FILE_ID, n);
    }

    static <T> List<List<T>> orders(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : orders(rest)) {
                List<T> order = new ArrayList<>();
                order.add(first);
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    /** Handles the events of run {@code n} in order; after each, the media's state ranks no lower than before. */
    MediaView run(int n, List<String> events) {
        int rank = -1;
        for (String event : events) {
            bench.handle(forRun(event, n));
            MediaState state = bench.media(fileId(n)).state();
            assertThat(state.rank()).as("run %d: state after %s", n, event.lines().findFirst().orElse(""))
                    .isGreaterThanOrEqualTo(rank);
            rank = state.rank();
        }
        return bench.media(fileId(n));
    }

    @Test
    void uploadRunningAndFinishInAnyOrderEndFinishedWithEveryOutput() {
        List<List<String>> orders = orders(List.of(UPLOAD, RUNNING, FINISHED));
        for (int n = 0; n < orders.size(); n++) {
            MediaView media = run(n, orders.get(n));

            assertThat(media.state()).as("run %d", n).isEqualTo(MediaState.FINISHED);
            assertThat(media.name()).contains("lesson-01");
            assertThat(media.mediaUrl()).isPresent();
            assertThat(media.tasks()).as("run %d", n).singleElement().extracting(StoredTask::status)
                    .isEqualTo(TaskStatus.FINISH);
            assertThat(media.outputs()).as("run %d", n).hasSize(7).noneMatch(OutputRecord::deleted);
        }
        assertThat(bench.vod.calls()).as("the upload named its own flow: nothing to start").isEmpty();
    }

    @Test
    void aWholeDeleteInAnyOrderEndsDeletedWithEveryOutputDeleted() {
        List<List<String>> orders = orders(List.of(UPLOAD, RUNNING, FINISHED, DELETED));
        for (int n = 0; n < orders.size(); n++) {
            MediaView media = run(100 + n, orders.get(n));

            assertThat(media.state()).as("run %d", n).isEqualTo(MediaState.DELETED);
            assertThat(media.name()).as("run %d", n).contains("lesson-01");
            assertThat(media.tasks()).as("run %d", n).singleElement().extracting(StoredTask::status)
                    .isEqualTo(TaskStatus.FINISH);
            assertThat(media.outputs()).as("run %d", n).hasSize(7).allMatch(OutputRecord::deleted);
        }
    }
}
