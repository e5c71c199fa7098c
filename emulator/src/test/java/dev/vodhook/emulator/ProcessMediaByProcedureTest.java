package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskResult;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaByProcedureRequest;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ProcessMediaByProcedure through the official SDK: the built-in template runs as a task flow, with dedup and errors.
 */
class ProcessMediaByProcedureTest {

    private static RecordingReceiver receiver;
    private static LocalVod vod;
    private static VodClient client;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url()).withUpscale(false));
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    static ProcessMediaByProcedureRequest request(String fileId, String procedure) {
        ProcessMediaByProcedureRequest request = new ProcessMediaByProcedureRequest();
        request.setFileId(fileId);
        request.setProcedureName(procedure);
        return request;
    }

    @Test
    void theTemplateRunsAsATaskFlowReportedLikeProcessMedia() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        ProcessMediaByProcedureRequest request = request(fileId, "LongVideoPreset");
        request.setSessionId("flow-" + fileId);
        request.setSessionContext("{\"jobId\":\"job-7\"}");
        request.setTasksPriority(5L);

        String taskId = client.ProcessMediaByProcedure(request).getTaskId();

        assertThat(taskId).matches("1500012345-procedurev2-[0-9a-f]{32}t0");
        DescribeTaskDetailResponse detail = awaitFinished(taskId);
        assertThat(detail.getTaskType()).isEqualTo("Procedure");
        assertThat(detail.getProcedureTask().getFileId()).isEqualTo(fileId);
        assertThat(detail.getProcedureTask().getSessionId()).isEqualTo("flow-" + fileId);
        assertThat(detail.getProcedureTask().getTasksPriority()).isEqualTo(5L);
        assertThat(Arrays.stream(detail.getProcedureTask().getMediaProcessResultSet())
                .map(MediaProcessTaskResult::getType))
                .containsExactlyInAnyOrder("Transcode", "Transcode", "CoverBySnapshot");
        assertThat(detail.getProcedureTask().getMediaProcessResultSet())
                .allSatisfy(r -> assertThat(r.getType().equals("Transcode") ? r.getTranscodeTask().getStatus()
                        : r.getCoverBySnapshotTask().getStatus()).isEqualTo("SUCCESS"));

        JsonNode event = await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodiesOf("ProcedureStateChanged")
                .stream().map(b -> b.path("ProcedureStateChangeEvent"))
                .filter(e -> e.path("TaskId").asText().equals(taskId)).findFirst().orElse(null), e -> e != null);
        assertThat(event.path("Status").asText()).isEqualTo("FINISH");
        assertThat(event.path("SessionContext").asText()).isEqualTo("{\"jobId\":\"job-7\"}");
        assertThat(event.path("MediaProcessResultSet")).hasSize(3);
    }

    @Test
    void aRepeatedSessionIdStartsNoSecondFlow() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        ProcessMediaByProcedureRequest first = request(fileId, "LongVideoPreset");
        first.setSessionId("once-" + fileId);
        first.setTasksNotifyMode("None");
        ProcessMediaByProcedureRequest again = request(fileId, "LongVideoPreset");
        again.setSessionId("once-" + fileId);

        String taskId = client.ProcessMediaByProcedure(first).getTaskId();

        assertThat(sdkError(() -> client.ProcessMediaByProcedure(again)).getErrorCode())
                .isEqualTo("InvalidParameterValue.SessionId");
        awaitFinished(taskId);
    }

    @Test
    void badRequestsAreRefusedWithTheCloudsCodes() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        assertThat(sdkError(() -> client.ProcessMediaByProcedure(request(fileId, "NoSuchFlow"))).getErrorCode())
                .isEqualTo("InvalidParameterValue.ProcedureName");
        assertThat(sdkError(() -> client.ProcessMediaByProcedure(request(fileId, null))).getErrorCode())
                .isEqualTo("MissingParameter");
        assertThat(sdkError(() -> client.ProcessMediaByProcedure(request("5285890813870000000", "LongVideoPreset")))
                .getErrorCode()).isEqualTo("InvalidParameterValue.FileId");
        ProcessMediaByProcedureRequest badMode = request(fileId, "LongVideoPreset");
        badMode.setTasksNotifyMode("Sometimes");
        assertThat(sdkError(() -> client.ProcessMediaByProcedure(badMode)).getErrorCode())
                .isEqualTo("InvalidParameterValue");
        ProcessMediaByProcedureRequest tooLong = request(fileId, "LongVideoPreset");
        tooLong.setSessionId("x".repeat(51));
        assertThat(sdkError(() -> client.ProcessMediaByProcedure(tooLong)).getErrorCode())
                .isEqualTo("InvalidParameterValue.SessionIdTooLong");
    }

    private static DescribeTaskDetailResponse awaitFinished(String taskId) {
        return Tasks.awaitFinished(client, taskId);
    }
}
