package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.CreateProcedureTemplateRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.EditMediaFileInfo;
import com.tencentcloudapi.vod.v20180717.models.EditMediaOutputConfig;
import com.tencentcloudapi.vod.v20180717.models.EditMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.MediaInfo;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput;
import com.tencentcloudapi.vod.v20180717.models.SampleSnapshotTaskInput;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.MediaProbe;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** EditMedia (clip and concatenate files) through the official SDK: EditMediaComplete, DescribeTaskDetail. */
class EditMediaTest {

    @RegisterExtension
    static final LocalVodExtension vod = LocalVodExtension.create();
    private static VodClient client;
    private static String large;
    private static String small;

    @TempDir
    Path downloads;

    @BeforeAll
    static void upload() throws Exception {
        client = vod.client();
        large = DirectUpload.upload(vod.localVod(), TestClips.landscape()).getFileId();
        small = DirectUpload.upload(vod.localVod(), TestClips.silentClip()).getFileId();
    }

    @Test
    void cutsAndJoinsFilesIntoANewMedia() throws Exception {
        EditMediaRequest request = request(file(large, 0.2f, 0.7f), file(small, 0f, 0f));
        EditMediaOutputConfig output = new EditMediaOutputConfig();
        output.setMediaName("edited");
        request.setOutputConfig(output);
        request.setSessionContext("edit-ctx");
        request.setSessionId("edit-1");

        String taskId = client.EditMedia(request).getTaskId();

        assertThat(taskId).matches("1500012345-EditMedia-[0-9a-f]{32}t0");
        JsonNode event = awaitEvent("EditMediaComplete", "EditMediaCompleteEvent", taskId);
        assertThat(event.path("Status").asText()).isEqualTo("FINISH");
        assertThat(event.path("ErrCode").asLong()).isZero();
        assertThat(event.path("Message").asText()).isEqualTo("SUCCESS");
        assertThat(event.path("Input").path("InputType").asText()).isEqualTo("File");
        assertThat(event.path("Input").path("FileInfoSet")).hasSize(2);
        assertThat(event.path("Input").path("FileInfoSet").get(0).path("EndTimeOffset").asDouble()).isCloseTo(0.7,
                within(1e-6));
        assertThat(event.path("SessionContext").asText()).isEqualTo("edit-ctx");
        JsonNode out = event.path("Output");
        assertThat(out.path("FileType").asText()).isEqualTo("mp4");
        assertThat(out.path("MediaName").asText()).isEqualTo("edited");
        assertThat(out.path("ExpireTime").asText()).isEqualTo("9999-12-31T23:59:59Z");
        String fileId = out.path("FileId").asText();
        assertThat(out.path("FileUrl").asText()).matches(".*vodgzp1500012345/[0-9a-f]{8}" + fileId + "/f0\\.mp4");

        DescribeTaskDetailResponse detail = Tasks.awaitFinished(client, taskId);
        assertThat(detail.getTaskType()).isEqualTo("EditMedia");
        assertThat(detail.getEditMediaTask().getOutput().getFileId()).isEqualTo(fileId);
        assertThat(detail.getEditMediaTask().getInput().getFileInfoSet()[1].getFileId()).isEqualTo(small);
        MediaInfo info = describe(fileId);
        assertThat(info.getBasicInfo().getSourceInfo().getSourceType()).isEqualTo("VideoProcessing");
        assertThat(info.getMetaData().getDuration()).isCloseTo(1.5f, within(0.1f));
        MediaProbe made = Ffmpeg.locate().probe(Downloads.save(out.path("FileUrl").asText(), downloads));
        assertThat(made.width()).as("the input with the most pixels").isEqualTo(320);
        assertThat(made.height()).isEqualTo(180);
        assertThat(made.audioStreams()).as("silence where an input had none").hasSize(1);

        assertThat(sdkError(() ->
                client.EditMedia(request)).getErrorCode()).isEqualTo("InvalidParameterValue.SessionId");
    }

    @Test
    void aTaskFlowNamedByProcedureNameRunsOnTheResult() throws Exception {
        MediaProcessTaskInput samples = new MediaProcessTaskInput();
        SampleSnapshotTaskInput sample = new SampleSnapshotTaskInput();
        sample.setDefinition(10L);
        samples.setSampleSnapshotTaskSet(new SampleSnapshotTaskInput[] {sample});
        CreateProcedureTemplateRequest template = new CreateProcedureTemplateRequest();
        template.setName("AfterEdit");
        template.setMediaProcessTask(samples);
        client.CreateProcedureTemplate(template);
        EditMediaRequest request = request(file(small, 0f, 0.5f));
        request.setProcedureName("AfterEdit");

        JsonNode event = awaitEvent("EditMediaComplete", "EditMediaCompleteEvent",
                client.EditMedia(request).getTaskId());

        String procedureTaskId = event.path("ProcedureTaskId").asText();
        assertThat(procedureTaskId).startsWith("1500012345-procedurev2-");
        var flow = Tasks.awaitFinished(client, procedureTaskId).getProcedureTask();
        assertThat(flow.getFileId()).isEqualTo(event.path("Output").path("FileId").asText());
        assertThat(flow.getMediaProcessResultSet()[0].getSampleSnapshotTask().getStatus()).isEqualTo("SUCCESS");
    }

    @Test
    void aCutBeyondTheEndFinishesWithErrCode40000() throws Exception {
        String taskId = client.EditMedia(request(file(small, 5f, 0f))).getTaskId();

        JsonNode event = awaitEvent("EditMediaComplete", "EditMediaCompleteEvent", taskId);

        assertThat(event.path("Status").asText()).isEqualTo("FINISH");
        assertThat(event.path("ErrCode").asLong()).isEqualTo(40000);
        assertThat(event.has("Output")).isFalse();
        assertThat(Tasks.awaitFinished(client, taskId).getEditMediaTask().getErrCode()).isEqualTo(40000L);
    }

    @Test
    void badRequestsAreRefused() {
        assertThat(code(request(file("5000000000000000000", 0f, 0f)))).isEqualTo("InvalidParameterValue.FileId");
        assertThat(code(request(file(large, 0.5f, 0.2f)))).isEqualTo("InvalidParameterValue");
        EditMediaRequest stream = request(file(large, 0f, 0f));
        stream.setInputType("Stream");
        assertThat(code(stream)).isEqualTo("UnsupportedOperation");
        EditMediaRequest hls = request(file(large, 0f, 0f));
        EditMediaOutputConfig output = new EditMediaOutputConfig();
        output.setType("hls");
        hls.setOutputConfig(output);
        assertThat(code(hls)).isEqualTo("UnsupportedOperation");
        EditMediaRequest none = request();
        assertThat(code(none)).isEqualTo("MissingParameter");
        EditMediaRequest template = request(file(large, 0f, 0f));
        template.setDefinition(30L);
        assertThat(code(template)).isEqualTo("InvalidParameterValue");
    }

    private static EditMediaFileInfo file(String fileId, float start, float end) {
        EditMediaFileInfo f = new EditMediaFileInfo();
        f.setFileId(fileId);
        f.setStartTimeOffset(start);
        f.setEndTimeOffset(end);
        return f;
    }

    private static EditMediaRequest request(EditMediaFileInfo... files) {
        EditMediaRequest request = new EditMediaRequest();
        request.setInputType("File");
        request.setFileInfos(files);
        return request;
    }

    private static String code(EditMediaRequest request) {
        return sdkError(() -> client.EditMedia(request)).getErrorCode();
    }

    /** The {@code field} payload of the {@code type} event pushed for {@code taskId}, once it was pushed. */
    static JsonNode awaitEvent(LocalVodExtension vod, String type, String field, String taskId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> vod.deliveries().ofType(type).stream()
                .map(d -> d.body().path(field)).filter(e -> e.path("TaskId").asText().equals(taskId))
                .findFirst().orElse(null), e -> e != null);
    }

    private static JsonNode awaitEvent(String type, String field, String taskId) {
        return awaitEvent(vod, type, field, taskId);
    }

    private static MediaInfo describe(String fileId) throws Exception {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return client.DescribeMediaInfos(request).getMediaInfoSet()[0];
    }
}
