package dev.vodhook.service.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.HandlerBench;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-uploads} with the receiver's own handlers on SQLite and a {@link RecordingMediaProcessing}: which
 * uploads are transcoded (the default templates 100010 and 100020), which are not, what is asked of VOD first, and
 * what the media keeps.
 */
class VerifyUploadTest {
    static final String FILE = "5285890813874500001";

    @TempDir
    Path dir;

    HandlerBench bench;

    @AfterEach
    void close() {
        bench.close();
    }

    /** A FINISH that made the transcodes 100010 and 100020 of {@code fileId}. */
    static String finishedWithBothTranscodes(String fileId) {
        return """
                {"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{
                  "TaskId":"t-%s","Status":"FINISH","ErrCode":0,"Message":"","FileId":"%s","FileName":"clip",
                  "MediaProcessResultSet":[%s,%s]}}
                """.formatted(fileId, fileId, transcode(fileId, 100010), transcode(fileId, 100020));
    }

    static String transcode(String fileId, int definition) {
        return """
                {"Type":"Transcode","TranscodeTask":{"Status":"SUCCESS","ErrCode":0,"Message":"SUCCESS",
                  "Input":{"Definition":%d},"Output":{"Url":"http://vod.example/%s/v.f%d.mp4","Definition":%d,
                  "Width":640,"Height":360,"Bitrate":400000,"Size":1000,"Duration":1.0,"Container":"mp4"}}}
                """.formatted(definition, fileId, definition, definition);
    }

    @Test
    void aMediaWithEveryTranscodeRecordedIsNotTranscodedAgainAndVodIsNotAsked() {
        bench = new HandlerBench(dir);
        bench.handle(finishedWithBothTranscodes(FILE));

        bench.handle(TestEvents.upload(FILE));

        assertThat(bench.vod.lookups()).isEmpty();
        assertThat(bench.vod.calls()).isEmpty();
        MediaView media = bench.media(FILE);
        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
        assertThat(media.name()).as("the media is real: the upload is recorded").contains("clip");
        assertThat(media.skipReason()).hasValueSatisfying(r -> assertThat(r)
                .contains("vodhook has recorded a transcode of every requested definition (100010, 100020)")
                .contains("no transcode started").contains("NewFileUpload event 2"));
        assertThat(media.skippedAt()).contains(bench.clock.instant().minusSeconds(1));
    }

    @Test
    void aFailedOrDeletedTranscodeIsNotThereSoVodIsAskedAndTheUploadTranscodedWhichClearsAnEarlierReason() {
        bench = new HandlerBench(dir);
        bench.handle(TestEvents.procedureWithFailure(FILE, "t-failed", 0)); // 100010 made, 100020 failed
        bench.handle(TestEvents.upload(FILE));
        assertThat(bench.vod.lookups()).containsExactly(FILE);
        assertThat(bench.vod.calls()).hasSize(1);

        String other = "5285890813874500002";
        bench.handle(finishedWithBothTranscodes(other));
        long upload = bench.handle(TestEvents.upload(other));
        assertThat(bench.media(other).skipReason()).isPresent();
        bench.db.media().write(bench.clock.instant(), w -> w.deleteOutputs(other, "Transcode", 100020));
        bench.db.inbox().replay(upload, bench.clock.instant());
        bench.processor.runOnce();

        assertThat(bench.vod.lookups()).containsExactly(FILE, other);
        assertThat(bench.vod.calls()).extracting(RecordingMediaProcessing.Call::fileId).containsExactly(FILE, other);
        assertThat(bench.media(other).skipReason()).as("work started: the reason no longer holds").isEmpty();
        assertThat(bench.media(other).skippedAt()).isEmpty();
    }

    @Test
    void anUploadOfAFileIdVodDoesNotHaveStartsNothingAndRecordsOnlyTheReason() {
        bench = new HandlerBench(dir);
        bench.vod.unknownToVod(FILE);

        bench.handle(TestEvents.upload(FILE));

        assertThat(bench.vod.lookups()).containsExactly(FILE);
        assertThat(bench.vod.calls()).isEmpty();
        MediaView media = bench.media(FILE);
        assertThat(media.state()).isEqualTo(MediaState.UPLOADED);
        assertThat(media.name()).as("what a forged event claims is not recorded").isEmpty();
        assertThat(media.mediaUrl()).isEmpty();
        assertThat(media.skipReason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("VOD has no media with FileId " + FILE + " in the API key's application (no SubAppId)"
                        + " (DescribeMediaInfos, RequestId req-lookup-1); no transcode started"));
    }

    @Test
    void withVerifyUploadsOffVodIsNotAskedAndEveryUploadIsTranscoded() {
        bench = new HandlerBench(dir, ProcessingSettings.defaults().withVerifyUploads(false));
        bench.vod.unknownToVod(FILE);
        bench.handle(finishedWithBothTranscodes("5285890813874500002"));

        bench.handle(TestEvents.upload(FILE));
        bench.handle(TestEvents.upload("5285890813874500002"));

        assertThat(bench.vod.lookups()).isEmpty();
        assertThat(bench.vod.calls()).hasSize(2);
        assertThat(bench.media(FILE).skipReason()).isEmpty();
    }

    @Test
    void anUploadThatStartedItsOwnTaskFlowStartsNothingAndAsksNothing() {
        bench = new HandlerBench(dir);

        bench.handle(TestEvents.upload(FILE).replace("\"ProcedureTaskId\":\"\"", "\"ProcedureTaskId\":\"t-own\""));

        assertThat(bench.vod.lookups()).isEmpty();
        assertThat(bench.vod.calls()).isEmpty();
        assertThat(bench.media(FILE).state()).isEqualTo(MediaState.PROCESSING);
        assertThat(bench.media(FILE).skipReason()).isEmpty();
    }
}
