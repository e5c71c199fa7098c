package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.testkit.Samples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TypedViewsTest {

    @Test
    void newFileUpload() {
        FileUpload upload = FileUpload.from(EventParser.parse(Samples.bytes("callback-v3-NewFileUpload.json")));
        assertThat(upload.fileId()).isEqualTo("5285890813874512345");
        assertThat(upload.procedureTaskId()).isEqualTo("1500012345-procedurev2-6e3c1f0a9b8d7c6e5f4a3b2c1d0e9f8at0");
        assertThat(upload.name()).isEqualTo("lesson-01");
        assertThat(upload.mediaUrl()).endsWith("/f0.mp4");
        assertThat(upload.sourceContext()).contains("up-42");
    }

    @Test
    void procedureStateChangedReadsEverySubTask() {
        ProcedureStateChange change = ProcedureStateChange.from(EventParser.parse(Samples.bytes("callback-v3-ProcedureStateChanged.json")));
        assertThat(change.finished()).isTrue();
        assertThat(change.fileId()).isEqualTo("5285890813874512345");
        assertThat(change.sessionId()).isEqualTo("job-9-transcode");
        assertThat(change.results()).extracting(SubTaskResult::type)
                .containsExactly("Transcode", "CoverBySnapshot", "SnapshotByTimeOffset", "ImageSprites",
                        "AdaptiveDynamicStreaming");
        assertThat(change.results()).allMatch(SubTaskResult::succeeded);

        SubTaskResult transcode = change.results().getFirst();
        assertThat(transcode.definition()).hasValue(100010);
        assertThat(transcode.outputs()).singleElement().satisfies(o -> {
            assertThat(o.url()).endsWith("v.f100010.mp4");
            assertThat(o.width()).isEqualTo(640);
            assertThat(o.height()).isEqualTo(360);
            assertThat(o.bitrate()).isEqualTo(465000);
            assertThat(o.size()).isEqualTo(3487500);
            assertThat(o.duration()).isEqualTo(60.04);
        });
        assertThat(change.results().get(1).outputs()).singleElement()
                .satisfies(o -> assertThat(o.url()).contains("coverBySnapshot"));
        assertThat(change.results().get(2).outputs()).hasSize(2);
        assertThat(change.results().get(3).outputs()).extracting(MediaOutput::container).containsExactly("jpg", "vtt");
        assertThat(change.results().get(4).outputs()).singleElement().satisfies(o ->
                assertThat(o.container()).isEqualTo("HLS"));
    }

    @Test
    void legacyProcedureStateChangedMapsToTheSameView() {
        VodEvent event = EventParser.parse(Samples.bytes("callback-v2-legacy-ProcedureStateChanged.json"));
        ProcedureStateChange change = ProcedureStateChange.from(event);
        assertThat(change.taskId()).isEqualTo("1500012345-procedure-25f5aac63d0a4b7e9c1f2e3d4c5b6a79");
        assertThat(change.fileId()).isEqualTo("5285890813874512345");
        assertThat(change.finished()).isTrue();
        assertThat(change.results()).singleElement().satisfies(r -> {
            assertThat(r.succeeded()).isTrue();
            assertThat(r.definition()).hasValue(100010);
            assertThat(r.outputs()).singleElement().satisfies(o -> assertThat(o.bitrate()).isEqualTo(465000));
        });
    }

    @Test
    void aFailedSubTaskIsAFailure() {
        String body = """
                {"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"TaskId":"t-2","Status":"FINISH","FileId":"1",
                 "MediaProcessResultSet":[{"Type":"Transcode","TranscodeTask":{"Status":"FAIL","ErrCode":70000,"ErrCodeExt":"InternalError",
                 "Message":"boom","Input":{"Definition":100020},"Output":null}}]}}""";
        SubTaskResult r = ProcedureStateChange.from(EventParser.parse(body.getBytes())).results().getFirst();
        assertThat(r.failed()).isTrue();
        assertThat(r.succeeded()).isFalse();
        assertThat(r.definition()).hasValue(100020);
        assertThat(r.outputs()).isEmpty();
        assertThat(r.errCode()).isEqualTo(70000);
    }

    @Test
    void viewsRefuseTheWrongType() {
        VodEvent deleted = EventParser.parse(Samples.bytes("callback-v3-FileDeleted.json"));
        assertThatThrownBy(() -> FileUpload.from(deleted)).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> ProcedureStateChange.from(deleted)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void legacyNewFileUploadMapsFileIdNameUrlAndTheTaskItStarted() {
        VodEvent plain = EventParser.parse(("{\"version\":\"4.0\",\"eventType\":\"NewFileUpload\",\"data\":{"
                + "\"status\":0,\"message\":\"\",\"vodTaskId\":\"\",\"fileId\":\"5285890790714697960\","
                + "\"fileName\":\"clip\",\"fileUrl\":\"http://1257018105.vod2.myqcloud.com/a/b/f0.mp4\","
                + "\"sourceContext\":\"ctx\",\"procedureTaskId\":\"\"}}").getBytes(StandardCharsets.UTF_8));
        VodEvent transcoding = EventParser.parse(("{\"version\":\"4.0\",\"eventType\":\"NewFileUpload\",\"data\":{"
                + "\"fileId\":14508071098244959037,\"transcodeTaskId\":\"transcode-0bee89b0\"}}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(FileUpload.from(plain)).isEqualTo(new FileUpload("5285890790714697960", "", "clip",
                "http://1257018105.vod2.myqcloud.com/a/b/f0.mp4", "ctx"));
        assertThat(DedupeKeys.of(plain)).isEqualTo("NewFileUpload:5285890790714697960");
        assertThat(FileUpload.from(transcoding).fileId()).isEqualTo("14508071098244959037");
        assertThat(FileUpload.from(transcoding).procedureTaskId()).isEqualTo("transcode-0bee89b0");
    }
}
