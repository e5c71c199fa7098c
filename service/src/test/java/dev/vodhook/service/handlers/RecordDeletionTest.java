package dev.vodhook.service.handlers;

import static dev.vodhook.service.TestEvents.SAMPLE_FILE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.HandlerBench;
import dev.vodhook.service.TestEvents;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.testkit.Samples;
import java.nio.file.Path;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileDeleted: whole media and parts, before and after the outputs were recorded. */
class RecordDeletionTest {
    static final String FINISHED = Samples.text("callback-v3-ProcedureStateChanged.json");

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

    static String deleted(String fileId, String partsJson) {
        return """
                {"EventType":"FileDeleted","FileDeleteEvent":{"FileIdSet":["%s"],
                 "FileDeleteResultInfo":[{"FileId":"%s","DeleteParts":%s}]}}""".formatted(fileId, fileId, partsJson);
    }

    @Test
    void theSampleDeletesEveryTranscodeAndNothingElse() {
        bench.handle(FINISHED);

        bench.handle(Samples.text("callback-v3-FileDeleted.json"));

        MediaView media = bench.media(SAMPLE_FILE_ID);
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.outputs()).filteredOn(OutputRecord::deleted).extracting(OutputRecord::kind)
                .containsExactly("Transcode");
        assertThat(media.outputs()).filteredOn(o -> !o.deleted()).extracting(OutputRecord::kind)
                .containsExactlyInAnyOrder("AdaptiveDynamicStreaming", "CoverBySnapshot", "ImageSprites",
                        "ImageSprites", "SnapshotByTimeOffset", "SnapshotByTimeOffset");
    }

    @Test
    void partsDeleteOneDefinitionAdaptiveStreamsAndTheOriginal() {
        bench.handle(FINISHED);
        bench.handle(TestEvents.procedureWithFailure(SAMPLE_FILE_ID, "t-1", 0));

        bench.handle(deleted(SAMPLE_FILE_ID, """
                [{"Type":"TranscodeFiles","Definition":100010},{"Type":"AdaptiveDynamicStreamingFiles","Definition":0},
                 {"Type":"OriginalFiles"},{"Type":"WechatPublishFiles","Definition":0}]"""));

        MediaView media = bench.media(SAMPLE_FILE_ID);
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.originalDeletedAt()).isPresent();
        assertThat(media.outputs()).filteredOn(OutputRecord::deleted)
                .extracting(OutputRecord::kind, OutputRecord::definition)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Transcode", 100010),
                        org.assertj.core.groups.Tuple.tuple("Transcode", 100010),
                        org.assertj.core.groups.Tuple.tuple("AdaptiveDynamicStreaming", 10));
        assertThat(media.outputs()).filteredOn(o -> o.kind().equals("Transcode") && !o.deleted())
                .extracting(OutputRecord::definition, OutputRecord::status)
                .containsExactly(Tuple.tuple(100020, OutputStatus.FAIL));
    }

    @Test
    void aWholeDeleteMakesTheMediaDeletedWithEveryOutput() {
        bench.handle(FINISHED);

        bench.handle(deleted(SAMPLE_FILE_ID, "[]"));

        MediaView media = bench.media(SAMPLE_FILE_ID);
        assertThat(media.state()).isEqualTo(MediaState.DELETED);
        assertThat(media.outputs()).hasSize(7).allMatch(OutputRecord::deleted);
    }

    @Test
    void aDeletedMediaStaysDeletedWhenTheFinishOfALateFlowArrives() {
        bench.handle(Samples.text("callback-v3-NewFileUpload.json"));
        bench.handle(deleted(SAMPLE_FILE_ID, "[]"));

        bench.handle(FINISHED);

        MediaView media = bench.media(SAMPLE_FILE_ID);
        assertThat(media.state()).isEqualTo(MediaState.DELETED);
        assertThat(media.outputs()).hasSize(7).allMatch(OutputRecord::deleted);
        assertThat(media.tasks().getFirst().status().name()).isEqualTo("FINISH");
    }

    @Test
    void anOldStyleEventWithOnlyFileIdSetDeletesEachMediaWhole() {
        bench.handle(TestEvents.upload("1001"));
        bench.handle(TestEvents.upload("1002"));

        bench.handle("{\"EventType\":\"FileDeleted\",\"FileDeleteEvent\":{\"FileIdSet\":[\"1001\",\"1002\"]}}");

        assertThat(bench.media("1001").state()).isEqualTo(MediaState.DELETED);
        assertThat(bench.media("1002").state()).isEqualTo(MediaState.DELETED);
    }
}
