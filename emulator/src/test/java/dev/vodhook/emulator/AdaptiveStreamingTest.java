package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.AdaptiveDynamicStreamingInfoItem;
import com.tencentcloudapi.vod.v20180717.models.AdaptiveDynamicStreamingTaskInput;
import com.tencentcloudapi.vod.v20180717.models.AnimatedGraphicTaskInput;
import com.tencentcloudapi.vod.v20180717.models.DeleteMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.MediaDeleteItem;
import com.tencentcloudapi.vod.v20180717.models.MediaInfo;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaRequest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AdaptiveDynamicStreaming (HLS, template 10) through the official SDK, and deleting it by parts. */
class AdaptiveStreamingTest {

    private static LocalVod vod;
    private static VodClient client;

    @BeforeAll
    static void start() {
        vod = LocalVod.start(EmulatorConfig.defaults());
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
    }

    @Test
    void makesAMasterPlaylistWithTheSubStreamsASmallSourceDeserves() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        var task = Tasks.awaitFinished(client, client.ProcessMedia(adaptive(fileId)).getTaskId())
                .getProcedureTask().getMediaProcessResultSet()[0];

        assertThat(task.getType()).isEqualTo("AdaptiveDynamicStreaming");
        var result = task.getAdaptiveDynamicStreamingTask();
        assertThat(result.getStatus()).isEqualTo("SUCCESS");
        assertThat(result.getInput().getDefinition()).isEqualTo(10L);
        AdaptiveDynamicStreamingInfoItem output = result.getOutput();
        assertThat(output.getPackage()).isEqualTo("HLS");
        assertThat(output.getDrmType()).isEmpty();
        assertThat(output.getDigitalWatermarkType()).isEqualTo("None");
        assertThat(output.getUrl()).matches(".*vodtrans.*/[0-9a-f]{8}" + fileId + "/adp\\.10\\.m3u8");
        Downloads.Download master = Downloads.get(output.getUrl());
        assertThat(master.contentType()).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(master.text()).contains("#EXT-X-STREAM-INF:", "RESOLUTION=").contains("adp.10_0.m3u8")
                .doesNotContain("adp.10_1.m3u8");
        Downloads.Download variant = Downloads.get(sibling(output.getUrl(), "adp.10_0.m3u8"));
        String segment = variant.text().lines().filter(l -> l.endsWith(".ts")).findFirst().orElseThrow();
        Downloads.Download ts = Downloads.get(sibling(output.getUrl(), segment));
        assertThat(ts.status()).isEqualTo(200);
        assertThat(ts.contentType()).isEqualTo("video/mp2t");
        assertThat(output.getSize()).isEqualTo((long) master.body().length + variant.body().length + ts.body().length);

        MediaInfo info = describe(fileId);
        assertThat(info.getAdaptiveDynamicStreamingInfo().getAdaptiveDynamicStreamingSet()).singleElement()
                .satisfies(a -> assertThat(a.getUrl()).isEqualTo(output.getUrl()));
        JsonNode subStreams = inspectedMedia(fileId).path("AdaptiveDynamicStreamingInfo")
                .path("AdaptiveDynamicStreamingSet").get(0).path("SubStreamSet");
        assertThat(subStreams).hasSize(1);
        assertThat(subStreams.get(0).path("Type").asText()).isEqualTo("video");
        assertThat(subStreams.get(0).path("Height").asInt()).isEqualTo(240);
        assertThat(subStreams.get(0).path("Size").asLong()).isEqualTo(variant.body().length + ts.body().length);
    }

    @Test
    void deletingPartsRemovesOnlyTheirFiles() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.clip(160, 90)).getFileId();
        ProcessMediaRequest request = ProcessMediaTest.request(fileId, 100010);
        AnimatedGraphicTaskInput gif = new AnimatedGraphicTaskInput();
        gif.setDefinition(20000L);
        gif.setStartTimeOffset(0f);
        gif.setEndTimeOffset(0.5f);
        request.getMediaProcessTask().setAnimatedGraphicTaskSet(new AnimatedGraphicTaskInput[] {gif});
        request.getMediaProcessTask().setAdaptiveDynamicStreamingTaskSet(adaptive(fileId).getMediaProcessTask()
                .getAdaptiveDynamicStreamingTaskSet());
        var results = Tasks.awaitFinished(client, client.ProcessMedia(request).getTaskId())
                .getProcedureTask().getMediaProcessResultSet();
        String mp4 = results[0].getTranscodeTask().getOutput().getUrl();
        String gifUrl = results[1].getAnimatedGraphicTask().getOutput().getUrl();
        String master = results[2].getAdaptiveDynamicStreamingTask().getOutput().getUrl();

        delete(fileId, "TranscodeFiles", 0);

        assertThat(Downloads.get(mp4).status()).isEqualTo(404);
        assertThat(Downloads.get(gifUrl).status()).isEqualTo(200);
        assertThat(Downloads.get(master).status()).isEqualTo(200);

        delete(fileId, "AdaptiveDynamicStreamingFiles", 10);

        assertThat(Downloads.get(master).status()).isEqualTo(404);
        assertThat(Downloads.get(sibling(master, "adp.10_0.m3u8")).status()).isEqualTo(404);
        assertThat(Downloads.get(gifUrl).status()).isEqualTo(200);
        assertThat(describe(fileId).getAdaptiveDynamicStreamingInfo()).isNull();
    }

    @Test
    void otherTemplatesAreRefused() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        ProcessMediaRequest dash = adaptive(fileId);
        dash.getMediaProcessTask().getAdaptiveDynamicStreamingTaskSet()[0].setDefinition(20L);
        ProcessMediaRequest unknown = adaptive(fileId);
        unknown.getMediaProcessTask().getAdaptiveDynamicStreamingTaskSet()[0].setDefinition(77L);

        assertThat(sdkError(() -> client.ProcessMedia(dash)).getErrorCode()).isEqualTo("UnsupportedOperation");
        assertThat(sdkError(() -> client.ProcessMedia(unknown)).getErrorCode()).isEqualTo("InvalidParameterValue");
    }

    private static ProcessMediaRequest adaptive(String fileId) {
        AdaptiveDynamicStreamingTaskInput input = new AdaptiveDynamicStreamingTaskInput();
        input.setDefinition(10L);
        var task = new com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput();
        task.setAdaptiveDynamicStreamingTaskSet(new AdaptiveDynamicStreamingTaskInput[] {input});
        ProcessMediaRequest request = new ProcessMediaRequest();
        request.setFileId(fileId);
        request.setMediaProcessTask(task);
        return request;
    }

    private static void delete(String fileId, String type, long definition) throws Exception {
        MediaDeleteItem part = new MediaDeleteItem();
        part.setType(type);
        part.setDefinition(definition);
        DeleteMediaRequest request = new DeleteMediaRequest();
        request.setFileId(fileId);
        request.setDeleteParts(new MediaDeleteItem[] {part});
        client.DeleteMedia(request);
    }

    private static MediaInfo describe(String fileId) throws Exception {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return client.DescribeMediaInfos(request).getMediaInfoSet()[0];
    }

    private static JsonNode inspectedMedia(String fileId) throws Exception {
        JsonNode all = new ObjectMapper().readTree(Downloads.get(vod.baseUrl() + "/_emulator/media").body());
        for (JsonNode m : all) {
            if (m.path("FileId").asText().equals(fileId)) {
                return m;
            }
        }
        throw new AssertionError("no media " + fileId + " in " + List.of(all));
    }

    private static String sibling(String url, String name) {
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }
}
