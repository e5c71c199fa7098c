package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.MediaInfo;
import com.tencentcloudapi.vod.v20180717.models.PullUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.PullUploadTask;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PullUpload through the official SDK, from a local web server: PullComplete, DescribeTaskDetail, failures. */
class PullUploadTest {

    private static final long MAX_BYTES = 1_000_000;

    private static FileHost host;
    private static RecordingReceiver receiver;
    private static LocalVod vod;
    private static VodClient client;

    @BeforeAll
    static void start() {
        host = new FileHost();
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url())
                .withPullUpload(PullUploadPolicy.defaults().withMaxBytes(MAX_BYTES)));
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
        host.close();
    }

    @Test
    void pullsAFileIntoANewMediaAndReportsPullComplete() throws Exception {
        String url = host.host("/media/talk.mp4", TestClips.landscape(), "video/mp4");
        PullUploadRequest request = request(url);
        request.setMediaName("imported-talk");
        request.setSourceContext("import-batch-3");
        request.setSessionContext("{\"job\":1}");
        request.setSessionId("import-batch-3-item-17");

        String taskId = client.PullUpload(request).getTaskId();

        assertThat(taskId).matches("1500012345-pull-[0-9a-f]{32}");
        JsonNode event = awaitPullComplete(taskId);
        assertThat(event.path("Status").asText()).isEqualTo("FINISH");
        assertThat(event.path("ErrCode").asLong()).isZero();
        assertThat(event.path("Message").asText()).isEqualTo("SUCCESS");
        assertThat(event.path("Progress").asLong()).isEqualTo(100);
        String fileId = event.path("FileId").asText();
        assertThat(fileId).matches("\\d{19}");
        assertThat(event.path("FileUrl").asText()).matches(".*/[0-9a-f]{8}vodgzp1500012345/[0-9a-f]{8}" + fileId
                + "/talk\\.mp4");
        assertThat(event.path("MediaBasicInfo").path("Name").asText()).isEqualTo("imported-talk");
        assertThat(event.path("MediaBasicInfo").path("SourceInfo").path("SourceContext").asText())
                .isEqualTo("import-batch-3");
        assertThat(event.path("MetaData").path("Width").asInt()).isEqualTo(320);
        assertThat(event.path("SessionContext").asText()).isEqualTo("{\"job\":1}");
        assertThat(event.path("SessionId").asText()).isEqualTo("import-batch-3-item-17");
        assertThat(event.path("ProcedureTaskId").asText()).isEmpty();

        DescribeTaskDetailResponse detail = Tasks.awaitFinished(client, taskId);
        assertThat(detail.getTaskType()).isEqualTo("PullUpload");
        assertThat(detail.getProcedureTask()).isNull();
        PullUploadTask task = detail.getPullUploadTask();
        assertThat(task.getFileId()).isEqualTo(fileId);
        assertThat(task.getErrCode()).isZero();
        assertThat(task.getMediaBasicInfo().getType()).isEqualTo("mp4");
        MediaInfo info = describe(fileId);
        assertThat(info.getMetaData().getHeight()).isEqualTo(180L);
        Downloads.Download original = Downloads.get(event.path("FileUrl").asText());
        assertThat(original.contentType()).isEqualTo("video/mp4");
        assertThat(original.body()).isEqualTo(Files.readAllBytes(TestClips.landscape()));

        assertThat(sdkError(() ->
                client.PullUpload(request)).getErrorCode()).isEqualTo("InvalidParameterValue.SessionId");
    }

    @Test
    void aCoverAndATaskFlowComeWithThePull() throws Exception {
        String url = host.host("/download", TestClips.clip(160, 90), "application/octet-stream");
        PullUploadRequest request = request(url);
        request.set("MediaType", "mp4");
        request.setCoverUrl(host.host("/cover.jpg", TestClips.picture(), "image/jpeg"));
        request.setProcedure("LongVideoPreset");

        JsonNode event = awaitPullComplete(client.PullUpload(request).getTaskId());

        assertThat(event.path("ErrCode").asLong()).isZero();
        assertThat(event.path("FileUrl").asText()).endsWith("/download.mp4");
        assertThat(event.path("MediaBasicInfo").path("Name").asText()).isEqualTo("download");
        String coverUrl = event.path("MediaBasicInfo").path("CoverUrl").asText();
        assertThat(coverUrl).endsWith(".jpg");
        assertThat(Downloads.get(coverUrl).contentType()).isEqualTo("image/jpeg");
        String procedureTaskId = event.path("ProcedureTaskId").asText();
        assertThat(procedureTaskId).startsWith("1500012345-procedurev2-");
        assertThat(Tasks.awaitFinished(client,
                procedureTaskId).getProcedureTask().getMediaProcessResultSet()).hasSize(3);
    }

    @Test
    void sourcesThatAreNotUsableMediaFinishWithErrCode60000() throws Exception {
        int mediaBefore = vod.fileIds().size();
        String[] urls = {
            host.url("/nothing-here.mp4"),
            host.host("/page.html", TestClips.picture(), "text/html"),
            host.host("/noise.mp4", TestClips.noise(4096), "video/mp4"),
            host.host("/huge.mp4", TestClips.noise((int) MAX_BYTES + 1), "video/mp4"),
            host.host("/untyped", TestClips.landscape(), "application/octet-stream"),
            "http://127.0.0.1:1/refused.mp4"};

        for (String url : urls) {
            JsonNode event = awaitPullComplete(client.PullUpload(request(url)).getTaskId());

            assertThat(event.path("Status").asText()).as(url).isEqualTo("FINISH");
            assertThat(event.path("ErrCode").asLong()).as(url).isEqualTo(60000);
            assertThat(event.path("Message").asText()).as(url).startsWith("source file error");
            assertThat(event.path("FileId").asText()).as(url).isEmpty();
            assertThat(event.has("MediaBasicInfo")).as("null fields are omitted in pushes").isFalse();
        }
        assertThat(vod.fileIds()).hasSize(mediaBefore);
    }

    @Test
    void badRequestsAreRefusedAndStartNothing() {
        assertThat(code(request("ftp://example.org/a.mp4"))).isEqualTo("InvalidParameterValue.MediaUrl");
        assertThat(code(request("not a url"))).isEqualTo("InvalidParameterValue.MediaUrl");
        assertThat(code(request("http://example.org/list.m3u8"))).isEqualTo("UnsupportedOperation");
        PullUploadRequest exe = request("http://example.org/a");
        exe.set("MediaType", "exe");
        assertThat(code(exe)).isEqualTo("FailedOperation.MediaType");
        PullUploadRequest bmp = request("http://example.org/a.mp4");
        bmp.setCoverUrl("http://example.org/a.bmp");
        assertThat(code(bmp)).isEqualTo("FailedOperation.CoverType");
        PullUploadRequest unknownFlow = request("http://example.org/a.mp4");
        unknownFlow.setProcedure("NotAFlow");
        assertThat(code(unknownFlow)).isEqualTo("InvalidParameterValue");
        PullUploadRequest priority = request("http://example.org/a.mp4");
        priority.set("TasksPriority", 11);
        assertThat(code(priority)).isEqualTo("InvalidParameterValue");
    }

    private static PullUploadRequest request(String url) {
        PullUploadRequest request = new PullUploadRequest();
        request.setMediaUrl(url);
        return request;
    }

    private static String code(PullUploadRequest request) {
        return sdkError(() -> client.PullUpload(request)).getErrorCode();
    }

    private static JsonNode awaitPullComplete(String taskId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodiesOf("PullComplete").stream()
                .map(b -> b.path("PullCompleteEvent")).filter(e -> e.path("TaskId").asText().equals(taskId))
                .findFirst().orElse(null), e -> e != null);
    }

    private static MediaInfo describe(String fileId) throws Exception {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return client.DescribeMediaInfos(request).getMediaInfoSet()[0];
    }
}
