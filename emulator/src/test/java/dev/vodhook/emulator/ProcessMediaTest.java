package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.CoverBySnapshotTaskInput;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.MediaInfo;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskResult;
import com.tencentcloudapi.vod.v20180717.models.MediaTranscodeItem;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.TranscodeTaskInput;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.MediaProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProcessMedia through the official SDK, with real ffmpeg on one-second clips. */
public class ProcessMediaTest {

    private static RecordingReceiver receiver;
    private static LocalVod vod;
    private static VodClient client;

    @TempDir
    Path downloads;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url())
                .withPushRetry(PushRetryPolicy.maxAttempts(3).backoff(Duration.ofMillis(50), 2)));
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    @Test
    void transcodesToThePresetsAndReportsEveryOutput() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        ProcessMediaRequest request = request(fileId, 100010, 100020);
        CoverBySnapshotTaskInput cover = new CoverBySnapshotTaskInput();
        cover.setDefinition(10L);
        cover.setPositionType("Time");
        cover.setPositionValue(0.5f);
        request.getMediaProcessTask().setCoverBySnapshotTaskSet(new CoverBySnapshotTaskInput[] {cover});
        request.setSessionContext("{\"jobId\":\"job-9\"}");

        String taskId = client.ProcessMedia(request).getTaskId();

        assertThat(taskId).matches("1500012345-procedurev2-[0-9a-f]{32}t0");
        DescribeTaskDetailResponse detail = awaitFinished(taskId);
        assertThat(detail.getTaskType()).isEqualTo("Procedure");
        Map<Long, MediaTranscodeItem> outputs = transcodeOutputs(detail);
        assertThat(outputs).containsOnlyKeys(100010L, 100020L);
        assertThat(probe(outputs.get(100010L).getUrl())).satisfies(p -> {
            assertThat(p.width()).isEqualTo(640);
            assertThat(p.height()).isEqualTo(360);
            assertThat(p.videoStreams().getFirst().codec()).isEqualTo("h264");
            assertThat(p.videoStreams().getFirst().fps()).isEqualTo(25);
            assertThat(p.audioStreams().getFirst().samplingRate()).isEqualTo(44100);
        });
        assertThat(probe(outputs.get(100020L).getUrl())).satisfies(p -> {
            assertThat(p.width()).isEqualTo(960);
            assertThat(p.height()).isEqualTo(540);
        });
        MediaTranscodeItem sd = outputs.get(100020L);
        assertThat(sd.getUrl()).matches(vod.baseUrl() + "/[0-9a-f]{8}vodtransgzp1500012345/[0-9a-f]{8}" + fileId
                + "/v\\.f100020\\.mp4");
        assertThat(sd.getWidth()).isEqualTo(960L);
        assertThat(sd.getSize()).isPositive();
        assertThat(sd.getMd5()).matches("[0-9a-f]{32}");
        assertThat(sd.getContainer()).contains("mp4");
        String coverUrl = coverUrl(detail);
        assertThat(coverUrl).matches(".*/coverBySnapshot/\\d+_\\d+\\.100_0\\.jpg");
        assertThat(probe(coverUrl).width()).isEqualTo(320);

        JsonNode event = awaitEvent(taskId);
        assertThat(event.path("Status").asText()).isEqualTo("FINISH");
        assertThat(event.path("SessionContext").asText()).isEqualTo("{\"jobId\":\"job-9\"}");
        assertThat(event.path("MediaProcessResultSet")).hasSize(3);
        assertThat(event.path("MediaProcessResultSet").get(0).has("AnimatedGraphicTask"))
                .as("null fields are omitted in pushes").isFalse();

        MediaInfo info = describe(fileId);
        assertThat(Arrays.stream(info.getTranscodeInfo().getTranscodeSet()).map(MediaTranscodeItem::getDefinition))
                .containsExactlyInAnyOrder(0L, 100010L, 100020L);
        assertThat(info.getBasicInfo().getCoverUrl()).isEqualTo(coverUrl);
        assertThat(info.getMetaData().getWidth()).isEqualTo(320L);
    }

    @Test
    void aPortraitSourceKeepsItsOrientation() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.clip(180, 320)).getFileId();

        DescribeTaskDetailResponse detail = awaitFinished(client.ProcessMedia(request(fileId, 100010)).getTaskId());

        MediaProbe p = probe(transcodeOutputs(detail).get(100010L).getUrl());
        assertThat(p.width()).isEqualTo(360);
        assertThat(p.height()).isEqualTo(640);
    }

    @Test
    void hlsPresetsMakeAPlaylistAndSegments() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        DescribeTaskDetailResponse detail = awaitFinished(client.ProcessMedia(request(fileId, 100210)).getTaskId());

        String playlist = transcodeOutputs(detail).get(100210L).getUrl();
        assertThat(playlist).endsWith("/v.f100210.m3u8");
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> m3u8 = http.send(HttpRequest.newBuilder(URI.create(playlist)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(m3u8.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
            String segment = m3u8.body().lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
            HttpResponse<Void> ts = http.send(HttpRequest.newBuilder(URI.create(playlist.replace("v.f100210.m3u8",
                    segment)))
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertThat(ts.statusCode()).isEqualTo(200);
            assertThat(ts.headers().firstValue("Content-Type")).hasValue("video/mp2t");
        }
    }

    @Test
    void anUnknownFileIdIsRefused() {
        assertThat(sdkError(() -> client.ProcessMedia(request("5285890813870000000", 100010))).getErrorCode())
                .isEqualTo("InvalidParameterValue.FileId");
    }

    @Test
    void anUnknownTemplateIsRefused() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        assertThat(sdkError(() -> client.ProcessMedia(request(fileId, 123456))).getErrorCode())
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void aRepeatedSessionIdStartsNoSecondTask() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        ProcessMediaRequest first = request(fileId, 100010);
        first.setSessionId("job-" + fileId);
        ProcessMediaRequest again = request(fileId, 100010);
        again.setSessionId("job-" + fileId);

        String taskId = client.ProcessMedia(first).getTaskId();

        assertThat(sdkError(() ->
                client.ProcessMedia(again)).getErrorCode()).isEqualTo("InvalidParameterValue.SessionId");
        assertThat(awaitFinished(taskId).getProcedureTask().getSessionId()).isEqualTo("job-" + fileId);
        ProcessMediaRequest tooLong = request(fileId, 100010);
        tooLong.setSessionId("x".repeat(51));
        assertThat(sdkError(() -> client.ProcessMedia(tooLong)).getErrorCode())
                .isEqualTo("InvalidParameterValue.SessionIdTooLong");
    }

    @Test
    void aFailingTranscodeIsAFailedSubTaskNotACrash() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.noise(4096)).getFileId();

        DescribeTaskDetailResponse detail = awaitFinished(client.ProcessMedia(request(fileId, 100010)).getTaskId());

        var transcode = detail.getProcedureTask().getMediaProcessResultSet()[0].getTranscodeTask();
        assertThat(detail.getStatus()).isEqualTo("FINISH");
        assertThat(transcode.getStatus()).isEqualTo("FAIL");
        assertThat(transcode.getErrCode()).isEqualTo(60000L);
        assertThat(transcode.getErrCodeExt()).isEqualTo("SourceFileError");
        assertThat(transcode.getMessage()).contains("f0.mp4").doesNotContain("/tmp/");
        assertThat(transcode.getOutput()).isNull();
    }

    @Test
    void theProcedureNamedAtUploadStartsAfterCommit() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape(), "LongVideoPreset").getFileId();

        JsonNode upload = await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodiesOf("NewFileUpload").stream()
                .map(b -> b.path("FileUploadEvent"))
                .filter(e -> e.path("FileId").asText().equals(fileId)).findFirst().orElse(null), e -> e != null);
        String taskId = upload.path("ProcedureTaskId").asText();

        assertThat(taskId).startsWith("1500012345-procedurev2-");
        DescribeTaskDetailResponse detail = awaitFinished(taskId);
        assertThat(transcodeOutputs(detail)).containsOnlyKeys(100010L, 100020L);
        assertThat(probe(coverUrl(detail)).width()).as("a cover snapshot of the clip").isEqualTo(320);
    }

    @Test
    void notifyModeChangeReportsEachSubTaskAndNoneReportsNothing() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        ProcessMediaRequest change = request(fileId, 100010, 100020);
        change.setTasksNotifyMode("Change");
        ProcessMediaRequest none = request(fileId, 100010);
        none.setTasksNotifyMode("None");

        String changeTask = client.ProcessMedia(change).getTaskId();
        String silentTask = client.ProcessMedia(none).getTaskId();

        awaitFinished(silentTask);
        awaitEvent(changeTask);
        Function<List<JsonNode>, List<String>> statusesOfChangeTask = bodies -> bodies.stream()
                .map(b -> b.path("ProcedureStateChangeEvent"))
                .filter(e -> e.path("TaskId").asText().equals(changeTask)).map(e -> e.path("Status").asText()).toList();
        assertThat(statusesOfChangeTask.apply(vod.deliveries().ofType("ProcedureStateChanged").stream()
                .map(Delivery::body).toList())).as("published in order").containsExactly("PROCESSING", "FINISH");
        // Attempts due together are sent in parallel (VOD promises no order either), so FINISH may arrive first.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                statusesOfChangeTask.apply(receiver.bodiesOf("ProcedureStateChanged")))
                .containsExactlyInAnyOrder("PROCESSING", "FINISH"));
        assertThat(receiver.bodiesOf("ProcedureStateChanged")).noneMatch(b ->
                b.path("ProcedureStateChangeEvent").path("TaskId").asText().equals(silentTask));
    }

    @Test
    void describeMediaInfosListsUnknownIdsSeparately() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId, "5285890813870000000"});
        request.setFilters(new String[] {"basicInfo"});

        var response = client.DescribeMediaInfos(request);

        assertThat(response.getMediaInfoSet()).hasSize(1);
        assertThat(response.getMediaInfoSet()[0].getFileId()).isEqualTo(fileId);
        assertThat(response.getMediaInfoSet()[0].getBasicInfo().getType()).isEqualTo("mp4");
        assertThat(response.getMediaInfoSet()[0].getMetaData()).isNull();
        assertThat(response.getNotExistFileIdSet()).containsExactly("5285890813870000000");
        request.setFileIds(new String[0]);
        assertThat(sdkError(() -> client.DescribeMediaInfos(request)).getErrorCode())
                .isEqualTo("InvalidParameterValue.FileIdsEmpty");
    }

    @Test
    void anUnknownTaskIdIsRefused() {
        DescribeTaskDetailRequest request = new DescribeTaskDetailRequest();
        request.setTaskId("1500012345-procedurev2-00000000000000000000000000000000t0");

        assertThat(sdkError(() -> client.DescribeTaskDetail(request)).getErrorCode())
                .isEqualTo("InvalidParameterValue.TaskId");
    }

    public static ProcessMediaRequest request(String fileId, long... definitions) {
        ProcessMediaRequest request = new ProcessMediaRequest();
        request.setFileId(fileId);
        MediaProcessTaskInput task = new MediaProcessTaskInput();
        task.setTranscodeTaskSet(Arrays.stream(definitions).mapToObj(d -> {
            TranscodeTaskInput t = new TranscodeTaskInput();
            t.setDefinition(d);
            return t;
        }).toArray(TranscodeTaskInput[]::new));
        request.setMediaProcessTask(task);
        return request;
    }

    private static DescribeTaskDetailResponse awaitFinished(String taskId) {
        return Tasks.awaitFinished(client, taskId);
    }

    private static JsonNode awaitEvent(String taskId) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodiesOf("ProcedureStateChanged").stream()
                .map(b -> b.path("ProcedureStateChangeEvent"))
                .filter(e -> e.path("TaskId").asText().equals(taskId) && e.path("Status").asText().equals("FINISH"))
                .findFirst().orElse(null), e -> e != null);
    }

    private static Map<Long, MediaTranscodeItem> transcodeOutputs(DescribeTaskDetailResponse detail) {
        return Arrays.stream(detail.getProcedureTask().getMediaProcessResultSet())
                .filter(r -> "Transcode".equals(r.getType()))
                .peek(r -> assertThat(r.getTranscodeTask().getStatus()).isEqualTo("SUCCESS"))
                .map(r -> r.getTranscodeTask().getOutput())
                .collect(Collectors.toMap(MediaTranscodeItem::getDefinition, Function.identity()));
    }

    private static String coverUrl(DescribeTaskDetailResponse detail) {
        return Arrays.stream(detail.getProcedureTask().getMediaProcessResultSet())
                .filter(r -> "CoverBySnapshot".equals(r.getType()))
                .map(MediaProcessTaskResult::getCoverBySnapshotTask)
                .peek(c -> assertThat(c.getStatus()).isEqualTo("SUCCESS"))
                .map(c -> c.getOutput().getCoverUrl()).findFirst().orElseThrow();
    }

    private static MediaInfo describe(String fileId) throws Exception {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return client.DescribeMediaInfos(request).getMediaInfoSet()[0];
    }

    private MediaProbe probe(String url) throws Exception {
        Path file = Files.createTempFile(downloads, "output-", url.substring(url.lastIndexOf('.')));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return Ffmpeg.locate().probe(file);
    }
}
