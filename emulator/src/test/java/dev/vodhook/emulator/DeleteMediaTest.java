package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DeleteMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosResponse;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.EventContent;
import com.tencentcloudapi.vod.v20180717.models.FileDeleteResultItem;
import com.tencentcloudapi.vod.v20180717.models.MediaDeleteItem;
import com.tencentcloudapi.vod.v20180717.models.MediaInfo;
import com.tencentcloudapi.vod.v20180717.models.MediaTranscodeItem;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.PullEventsRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DeleteMedia through the official SDK: whole media or parts, stored files, and the FileDeleted event. */
class DeleteMediaTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RecordingReceiver receiver;
    private static LocalVod vod;
    private static VodClient client;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url()).withPushLoop(false));
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    @BeforeEach
    void deleteEventsOn() throws Exception {
        vod.reset();
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.setDeleteMediaCompleteEventSwitch("ON");
        request.setUploadMediaCompleteEventSwitch("OFF");
        client.ModifyEventConfig(request);
    }

    @Test
    void aWholeDeleteRemovesTheMediaAndEveryFileAndReportsEmptyDeleteParts() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        String original = describe(fileId).getBasicInfo().getMediaUrl();
        String transcode = transcode(fileId, 100010).get(0);

        client.DeleteMedia(delete(fileId));

        DescribeMediaInfosResponse after = describeAll(fileId);
        assertThat(after.getMediaInfoSet()).isEmpty();
        assertThat(after.getNotExistFileIdSet()).containsExactly(fileId);
        assertThat(status(original)).isEqualTo(404);
        assertThat(status(transcode)).isEqualTo(404);
        assertThat(vod.fileIds()).doesNotContain(fileId);
        FileDeleteResultItem result = pushedFileDeleted(fileId);
        assertThat(result.getDeleteParts()).isEmpty();
    }

    @Test
    void deletingOneDefinitionKeepsTheOriginalAndTheOtherRenditions() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        List<String> urls = transcode(fileId, 100010, 100210);
        String mp4 = urls.get(0);
        String playlist = urls.get(1);
        String segment = playlist.replace("v.f100210.m3u8", "v.f100210_0.ts");
        assertThat(status(segment)).isEqualTo(200);

        client.DeleteMedia(delete(fileId, part("TranscodeFiles", 100210L)));

        MediaInfo info = describe(fileId);
        assertThat(info.getTranscodeInfo().getTranscodeSet()).extracting(MediaTranscodeItem::getDefinition)
                .containsExactly(0L, 100010L);
        assertThat(status(playlist)).isEqualTo(404);
        assertThat(status(segment)).isEqualTo(404);
        assertThat(status(mp4)).isEqualTo(200);
        assertThat(status(info.getBasicInfo().getMediaUrl())).isEqualTo(200);
        MediaDeleteItem[] parts = pushedFileDeleted(fileId).getDeleteParts();
        assertThat(parts).hasSize(1);
        assertThat(parts[0].getType()).isEqualTo("TranscodeFiles");
        assertThat(parts[0].getDefinition()).isEqualTo(100210L);
    }

    @Test
    void definitionZeroDeletesEveryRendition() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        String mp4 = transcode(fileId, 100010).get(0);

        client.DeleteMedia(delete(fileId, part("TranscodeFiles", null)));

        assertThat(describe(fileId).getTranscodeInfo().getTranscodeSet()).extracting(MediaTranscodeItem::getDefinition)
                .containsExactly(0L);
        assertThat(status(mp4)).isEqualTo(404);
        assertThat(pushedFileDeleted(fileId).getDeleteParts()[0].getDefinition()).isZero();
    }

    @Test
    void deletingTheOriginalKeepsRenditionsAndStopsProcessing() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        String original = describe(fileId).getBasicInfo().getMediaUrl();
        String mp4 = transcode(fileId, 100010).get(0);

        client.DeleteMedia(delete(fileId, part("OriginalFiles", null)));

        MediaInfo info = describe(fileId);
        assertThat(info.getBasicInfo().getMediaUrl()).isEmpty();
        assertThat(info.getTranscodeInfo().getTranscodeSet()).extracting(MediaTranscodeItem::getDefinition)
                .containsExactly(100010L);
        assertThat(status(original)).isEqualTo(404);
        assertThat(status(mp4)).isEqualTo(200);
        assertThat(sdkError(() -> client.ProcessMedia(ProcessMediaTest.request(fileId, 100020))).getErrorCode())
                .isEqualTo("FailedOperation");
    }

    @Test
    void anUnknownFileIdIsResourceNotFound() {
        assertThat(sdkError(() -> client.DeleteMedia(delete("5285890799999999999"))).getErrorCode())
                .isEqualTo("ResourceNotFound");
        assertThat(vod.runDuePushes()).isZero();
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsDeleted() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        assertThat(sdkError(() -> client.DeleteMedia(new DeleteMediaRequest())).getErrorCode())
                .isEqualTo("MissingParameter");
        assertThat(sdkError(() -> client.DeleteMedia(delete(fileId, part("Everything", 0L)))).getErrorCode())
                .isEqualTo("InvalidParameterValue");

        assertThat(describeAll(fileId).getMediaInfoSet()).hasSize(1);
    }

    @Test
    void withTheDeleteSwitchOffNoEventIsProduced() throws Exception {
        ModifyEventConfigRequest off = new ModifyEventConfigRequest();
        off.setDeleteMediaCompleteEventSwitch("OFF");
        client.ModifyEventConfig(off);
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        client.DeleteMedia(delete(fileId));

        vod.runDuePushes();
        assertThat(vod.deliveries().ofType("FileDeleted")).isEmpty();
    }

    @Test
    void aPullApplicationPullsFileDeleted() throws Exception {
        PullEventsTest.usePullMode(client);
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        client.DeleteMedia(delete(fileId));

        EventContent[] events = client.PullEvents(new PullEventsRequest()).getEventSet();
        assertThat(events).hasSize(1);
        assertThat(events[0].getEventType()).isEqualTo("FileDeleted");
        assertThat(events[0].getFileDeleteEvent().getFileIdSet()).containsExactly(fileId);
        assertThat(events[0].getFileDeleteEvent().getFileDeleteResultInfo()[0].getDeleteParts()).isEmpty();
    }

    private static DeleteMediaRequest delete(String fileId, MediaDeleteItem... parts) {
        DeleteMediaRequest request = new DeleteMediaRequest();
        request.setFileId(fileId);
        if (parts.length > 0) {
            request.setDeleteParts(parts);
        }
        return request;
    }

    private static MediaDeleteItem part(String type, Long definition) {
        MediaDeleteItem item = new MediaDeleteItem();
        item.setType(type);
        item.setDefinition(definition);
        return item;
    }

    /** Transcodes and returns the output URLs in the order of the definitions. */
    private static List<String> transcode(String fileId, long... definitions) throws Exception {
        String taskId = client.ProcessMedia(ProcessMediaTest.request(fileId, definitions)).getTaskId();
        DescribeTaskDetailRequest request = new DescribeTaskDetailRequest();
        request.setTaskId(taskId);
        DescribeTaskDetailResponse detail = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.DescribeTaskDetail(request), d -> "FINISH".equals(d.getStatus()));
        return Arrays.stream(definitions).mapToObj(d ->
                Arrays.stream(detail.getProcedureTask().getMediaProcessResultSet())
                .map(r -> r.getTranscodeTask().getOutput()).filter(o -> o.getDefinition() == d).findFirst()
                .orElseThrow().getUrl()).toList();
    }

    /** The FileDeleted push for {@code fileId}, read through the SDK's {@code EventContent} model. */
    private static FileDeleteResultItem pushedFileDeleted(String fileId) {
        vod.runDuePushes();
        List<Delivery> deliveries = vod.deliveries().ofType("FileDeleted");
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.getFirst().status()).isEqualTo(Delivery.DELIVERED);
        EventContent event = AbstractModel.fromJsonString(receiver.bodiesOf("FileDeleted").getLast().toString(),
                EventContent.class);
        assertThat(event.getFileDeleteEvent().getFileIdSet()).containsExactly(fileId);
        assertThat(event.getFileDeleteEvent().getFileDeleteResultInfo()).hasSize(1);
        return event.getFileDeleteEvent().getFileDeleteResultInfo()[0];
    }

    private static MediaInfo describe(String fileId) throws Exception {
        return describeAll(fileId).getMediaInfoSet()[0];
    }

    private static DescribeMediaInfosResponse describeAll(String fileId) throws Exception {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return client.DescribeMediaInfos(request);
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
