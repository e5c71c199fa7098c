package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.AnimatedGraphicTaskInput;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.ImageSpriteTaskInput;
import com.tencentcloudapi.vod.v20180717.models.MediaAnimatedGraphicsItem;
import com.tencentcloudapi.vod.v20180717.models.MediaImageSpriteItem;
import com.tencentcloudapi.vod.v20180717.models.MediaInfo;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskResult;
import com.tencentcloudapi.vod.v20180717.models.MediaSampleSnapshotItem;
import com.tencentcloudapi.vod.v20180717.models.MediaSnapshotByTimeOffsetItem;
import com.tencentcloudapi.vod.v20180717.models.MediaSnapshotByTimePicInfoItem;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.SampleSnapshotTaskInput;
import com.tencentcloudapi.vod.v20180717.models.SnapshotByTimeOffsetTaskInput;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.MediaProbe;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots, sampled snapshots, sprites and animated images through the official SDK, on a one-second clip. */
class ImageTasksTest {

    private static LocalVod vod;
    private static VodClient client;
    private static String fileId;
    private static DescribeTaskDetailResponse detail;

    @TempDir
    Path downloads;

    @BeforeAll
    static void processOneClipWithEveryImageTask() throws Exception {
        vod = LocalVod.start(EmulatorConfig.defaults());
        client = VodSdk.client(vod);
        fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        MediaProcessTaskInput task = new MediaProcessTaskInput();
        SnapshotByTimeOffsetTaskInput snapshots = new SnapshotByTimeOffsetTaskInput();
        snapshots.setDefinition(10L);
        snapshots.setExtTimeOffsetSet(new String[] {"0.5s", "50%"});
        snapshots.setTimeOffsetSet(new Float[] {200f});
        task.setSnapshotByTimeOffsetTaskSet(new SnapshotByTimeOffsetTaskInput[] {snapshots});
        SampleSnapshotTaskInput samples = new SampleSnapshotTaskInput();
        samples.setDefinition(10L);
        task.setSampleSnapshotTaskSet(new SampleSnapshotTaskInput[] {samples});
        ImageSpriteTaskInput sprites = new ImageSpriteTaskInput();
        sprites.setDefinition(10L);
        task.setImageSpriteTaskSet(new ImageSpriteTaskInput[] {sprites});
        task.setAnimatedGraphicTaskSet(new AnimatedGraphicTaskInput[] {animated(20000, 0, 0.8f),
                animated(20001, 0.2f, 5)});
        ProcessMediaRequest request = new ProcessMediaRequest();
        request.setFileId(fileId);
        request.setMediaProcessTask(task);

        detail = Tasks.awaitFinished(client, client.ProcessMedia(request).getTaskId());
    }

    @AfterAll
    static void stop() {
        vod.close();
    }

    @Test
    void subTasksAreReportedInTheOrderOfTheModel() {
        assertThat(Arrays.stream(detail.getProcedureTask().getMediaProcessResultSet())
                .map(MediaProcessTaskResult::getType))
                .containsExactly("AnimatedGraphics", "AnimatedGraphics", "SnapshotByTimeOffset", "SampleSnapshot",
                        "ImageSprites");
    }

    @Test
    void snapshotsByTimeOffsetAreTakenAtEachTimeInMilliseconds() throws Exception {
        var task = only(r -> r.getSnapshotByTimeOffsetTask() == null ? null : r.getSnapshotByTimeOffsetTask());
        assertThat(task.getStatus()).isEqualTo("SUCCESS");
        assertThat(task.getInput().getExtTimeOffsetSet()).containsExactly("0.5s", "50%");
        MediaSnapshotByTimeOffsetItem output = task.getOutput();
        assertThat(output.getDefinition()).isEqualTo(10L);
        MediaSnapshotByTimePicInfoItem[] pictures = output.getPicInfoSet();
        assertThat(pictures).extracting(MediaSnapshotByTimePicInfoItem::getTimeOffset)
                .satisfiesExactly(t -> assertThat(t).isEqualTo(500f), t -> assertThat(t).isCloseTo(500f, within(30f)),
                        t -> assertThat(t).isEqualTo(200f));
        assertThat(pictures[0].getUrl()).matches(".*/[0-9a-f]{8}" + fileId + "/snapshotByTime/\\d+_\\d+_0\\.jpg");
        assertThat(image(pictures[2].getUrl())).satisfies(p -> {
            assertThat(p.width()).isEqualTo(320);
            assertThat(p.height()).isEqualTo(180);
        });
    }

    @Test
    void sampleSnapshotsAreTakenEveryTenPercent() throws Exception {
        MediaSampleSnapshotItem output = only(MediaProcessTaskResult::getSampleSnapshotTask).getOutput();

        assertThat(output.getSampleType()).isEqualTo("Percent");
        assertThat(output.getInterval()).isEqualTo(10L);
        assertThat(output.getImageUrlSet()).hasSize(10).allMatch(u ->
                u.matches(".*/sampleSnapshot/\\d+_\\d+_\\d\\.jpg"));
        assertThat(image(output.getImageUrlSet()[9]).width()).isEqualTo(320);
    }

    @Test
    void imageSpritesTileThumbnailsAndDescribeThemInWebVtt() throws Exception {
        MediaImageSpriteItem output = only(MediaProcessTaskResult::getImageSpriteTask).getOutput();

        assertThat(output.getWidth()).isEqualTo(142L);
        assertThat(output.getHeight()).isEqualTo(80L);
        assertThat(output.getTotalCount()).isEqualTo(1L);
        assertThat(output.getImageUrlSet()).hasSize(1);
        MediaProbe sprite = image(output.getImageUrlSet()[0]);
        assertThat(sprite.width()).isEqualTo(1420);
        assertThat(sprite.height()).isEqualTo(800);
        Downloads.Download vtt = Downloads.get(output.getWebVttUrl());
        assertThat(vtt.contentType()).isEqualTo("text/vtt");
        assertThat(vtt.text()).startsWith("WEBVTT\n").contains("00:00:00.000 --> 00:00:01.")
                .contains(output.getImageUrlSet()[0] + "#xywh=0,0,142,80");
    }

    @Test
    void animatedImagesAreGifOrWebpAtTwoFramesASecond() throws Exception {
        MediaProcessTaskResult[] results = detail.getProcedureTask().getMediaProcessResultSet();
        MediaAnimatedGraphicsItem gif = results[0].getAnimatedGraphicTask().getOutput();
        MediaAnimatedGraphicsItem webp = results[1].getAnimatedGraphicTask().getOutput();

        assertThat(gif.getUrl()).matches(".*vodtrans.*/[0-9a-f]{8}" + fileId + "/v\\.f20000\\.gif");
        assertThat(gif.getContainer()).isEqualTo("gif");
        assertThat(gif.getWidth()).isEqualTo(320L);
        assertThat(gif.getSize()).isPositive();
        assertThat(gif.getMd5()).matches("[0-9a-f]{32}");
        assertThat(Downloads.get(gif.getUrl()).contentType()).isEqualTo("image/gif");
        MediaProbe frames = image(gif.getUrl());
        assertThat(frames.videoStreams().getFirst().codec()).isEqualTo("gif");
        assertThat(webp.getUrl()).endsWith("/v.f20001.webp");
        assertThat(webp.getContainer()).isEqualTo("webp");
        assertThat(webp.getStartTimeOffset()).isEqualTo(0.2f);
        assertThat(webp.getEndTimeOffset()).as("cut at the end of the clip").isLessThanOrEqualTo(1.1f);
        Downloads.Download file = Downloads.get(webp.getUrl());
        assertThat(file.contentType()).isEqualTo("image/webp");
        assertThat(new String(file.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
    }

    @Test
    void describeMediaInfosShowsEachSectionAndFiltersPickSections() throws Exception {
        MediaInfo all = describe();
        assertThat(all.getSnapshotByTimeOffsetInfo().getSnapshotByTimeOffsetSet()).hasSize(1);
        assertThat(all.getSampleSnapshotInfo().getSampleSnapshotSet()).hasSize(1);
        assertThat(all.getImageSpriteInfo().getImageSpriteSet()).hasSize(1);
        assertThat(all.getAnimatedGraphicsInfo().getAnimatedGraphicsSet())
                .extracting(MediaAnimatedGraphicsItem::getDefinition)
                .containsExactlyInAnyOrder(20000L, 20001L);
        assertThat(all.getAdaptiveDynamicStreamingInfo()).as("nothing made").isNull();

        MediaInfo sprites = describe("imageSpriteInfo", "metaData");
        assertThat(sprites.getImageSpriteInfo().getImageSpriteSet()).extracting(MediaImageSpriteItem::getDefinition)
                .containsExactlyElementsOf(Arrays.stream(all.getImageSpriteInfo().getImageSpriteSet())
                        .map(MediaImageSpriteItem::getDefinition).toList());
        assertThat(sprites.getMetaData().getWidth()).isEqualTo(all.getMetaData().getWidth()).isPositive();
        assertThat(sprites.getBasicInfo()).isNull();
        assertThat(sprites.getTranscodeInfo()).isNull();
        assertThat(sprites.getSampleSnapshotInfo()).isNull();
        assertThat(sprites.getAnimatedGraphicsInfo()).isNull();

        assertThat(sdkError(() -> describe("basicInfo",
                "everything")).getErrorCode()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void badImageTaskParametersAreRefused() {
        SnapshotByTimeOffsetTaskInput badTime = new SnapshotByTimeOffsetTaskInput();
        badTime.setDefinition(10L);
        badTime.setExtTimeOffsetSet(new String[] {"soon"});
        MediaProcessTaskInput task = new MediaProcessTaskInput();
        task.setSnapshotByTimeOffsetTaskSet(new SnapshotByTimeOffsetTaskInput[] {badTime});
        assertThat(sdkError(() ->
                client.ProcessMedia(request(task))).getErrorCode()).isEqualTo("InvalidParameterValue");

        ImageSpriteTaskInput unknown = new ImageSpriteTaskInput();
        unknown.setDefinition(99L);
        MediaProcessTaskInput sprites = new MediaProcessTaskInput();
        sprites.setImageSpriteTaskSet(new ImageSpriteTaskInput[] {unknown});
        assertThat(sdkError(() ->
                client.ProcessMedia(request(sprites))).getErrorCode()).isEqualTo("InvalidParameterValue");

        AnimatedGraphicTaskInput noEnd = new AnimatedGraphicTaskInput();
        noEnd.setDefinition(20000L);
        noEnd.setStartTimeOffset(0f);
        MediaProcessTaskInput gif = new MediaProcessTaskInput();
        gif.setAnimatedGraphicTaskSet(new AnimatedGraphicTaskInput[] {noEnd});
        assertThat(sdkError(() -> client.ProcessMedia(request(gif))).getErrorCode()).isEqualTo("MissingParameter");
    }

    @Test
    void anAnimatedImageAfterTheEndFailsItsSubTaskOnly() {
        MediaProcessTaskInput task = new MediaProcessTaskInput();
        task.setAnimatedGraphicTaskSet(new AnimatedGraphicTaskInput[] {animated(20000, 30, 40)});

        var result = Tasks.awaitFinished(client, sdkCall(() -> client.ProcessMedia(request(task)).getTaskId()))
                .getProcedureTask().getMediaProcessResultSet()[0].getAnimatedGraphicTask();

        assertThat(result.getStatus()).isEqualTo("FAIL");
        assertThat(result.getErrCode()).isEqualTo(40000L);
        assertThat(result.getOutput()).isNull();
    }

    private static AnimatedGraphicTaskInput animated(long definition, float start, float end) {
        AnimatedGraphicTaskInput a = new AnimatedGraphicTaskInput();
        a.setDefinition(definition);
        a.setStartTimeOffset(start);
        a.setEndTimeOffset(end);
        return a;
    }

    private static ProcessMediaRequest request(MediaProcessTaskInput task) {
        ProcessMediaRequest request = new ProcessMediaRequest();
        request.setFileId(fileId);
        request.setMediaProcessTask(task);
        return request;
    }

    private static <T> T only(Function<MediaProcessTaskResult, T> field) {
        return Arrays.stream(detail.getProcedureTask().getMediaProcessResultSet()).map(field)
                .filter(java.util.Objects::nonNull).findFirst().orElseThrow();
    }

    private static MediaInfo describe(String... filters) throws Exception {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        request.setFilters(filters.length == 0 ? null : filters);
        return client.DescribeMediaInfos(request).getMediaInfoSet()[0];
    }

    private MediaProbe image(String url) throws Exception {
        Downloads.Download d = Downloads.get(url);
        assertThat(d.status()).isEqualTo(200);
        return Ffmpeg.locate().probe(Downloads.save(url, downloads));
    }

    private static <T> T sdkCall(java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
