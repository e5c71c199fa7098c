package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation flow end to end, in process, on free ports: local VOD, receiver with SQLite, a generated
 * one-second clip, server upload through the official upload SDK, NewFileUpload, ProcessMedia through the
 * official API SDK, real ffmpeg transcoding, ProcedureStateChanged, recorded outputs with real resolutions.
 */
class DemoFlowTest {

    @TempDir
    Path work;

    @Test
    void uploadIsTranscodedToBothPresetsAndEveryOutputIsRecorded() throws Exception {
        StringWriter printed = new StringWriter();
        DemoFlow.Options options = new DemoFlow.Options(work, List.of(100010, 100020), 640, 360, 1.0, Duration.ofSeconds(60));

        DemoFlow.Result result = new DemoFlow(new PrintWriter(printed, true), options).run();

        assertThat(result.fileId()).matches("\\d{17,20}");
        assertThat(result.taskId()).contains("-procedurev2-");
        assertThat(result.outputs()).extracting(DemoFlow.CheckedOutput::definition).containsExactly(100010, 100020);
        assertThat(result.outputs()).extracting(o -> o.width() + "x" + o.height()).containsExactly("640x360", "960x540");
        assertThat(result.outputs()).allSatisfy(o -> {
            assertThat(o.codec()).isEqualTo("h264");
            assertThat(o.url()).endsWith("v.f" + o.definition() + ".mp4");
        });
        assertThat(printed.toString()).contains("[7/7] check every output").doesNotContain("FAILED");

        // what the receiver stored, read back from its SQLite file
        try (Database db = Database.open("jdbc:sqlite:" + work.resolve("vodhook.db"))) {
            var media = db.media().findMedia(result.fileId()).orElseThrow();
            assertThat(media.state().name()).isEqualTo("FINISHED");
            assertThat(media.outputs()).filteredOn(o -> o.kind().equals("Transcode"))
                    .extracting(o -> o.definition() + ":" + o.width() + "x" + o.height() + ":" + o.status())
                    .containsExactlyInAnyOrder("100010:640x360:SUCCESS", "100020:960x540:SUCCESS");
            assertThat(media.outputs()).filteredOn(o -> o.kind().equals("Transcode"))
                    .allSatisfy(o -> {
                        assertThat(o.size()).isPositive();
                        assertThat(o.bitrate()).isPositive();
                        assertThat(o.url()).isEqualTo(result.outputs().stream()
                                .filter(c -> c.definition() == o.definition()).findFirst().orElseThrow().url());
                    });
        }
    }
}
