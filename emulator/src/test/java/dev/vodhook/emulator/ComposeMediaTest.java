package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.AudioTrackItem;
import com.tencentcloudapi.vod.v20180717.models.Canvas;
import com.tencentcloudapi.vod.v20180717.models.ComposeMediaOutput;
import com.tencentcloudapi.vod.v20180717.models.ComposeMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.EmptyTrackItem;
import com.tencentcloudapi.vod.v20180717.models.MediaTrack;
import com.tencentcloudapi.vod.v20180717.models.MediaTrackItem;
import com.tencentcloudapi.vod.v20180717.models.MediaTransitionItem;
import com.tencentcloudapi.vod.v20180717.models.VideoTrackItem;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.MediaProbe;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * ComposeMedia (a video track and an audio track) through the official SDK: ComposeMediaComplete, DescribeTaskDetail.
 */
class ComposeMediaTest {

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
    void composesAVideoTrackAndAnAudioTrackIntoANewMedia() throws Exception {
        ComposeMediaRequest request = request(
                track("Video", video(large, 0, 0.6f), empty(0.4f), video(small, 0.2f, 0.5f)),
                track("Audio", empty(0.3f), audio(large, 0.5f)));
        Canvas canvas = new Canvas();
        canvas.setColor("White");
        canvas.setWidth(160L);
        request.setCanvas(canvas);
        request.getOutput().setDescription("made by a test");
        request.setSessionContext("compose-ctx");

        String taskId = client.ComposeMedia(request).getTaskId();

        assertThat(taskId).matches("1500012345-ComposeMedia-[0-9a-f]{32}t0");
        JsonNode event = EditMediaTest.awaitEvent(vod, "ComposeMediaComplete", "ComposeMediaCompleteEvent", taskId);
        assertThat(event.path("Status").asText()).isEqualTo("FINISH");
        assertThat(event.path("ErrCode").asLong()).isZero();
        assertThat(event.path("Progress").asLong()).isEqualTo(100);
        assertThat(event.path("SessionContext").asText()).isEqualTo("compose-ctx");
        assertThat(event.path("Input").path("Tracks")).hasSize(2);
        assertThat(event.path("Input").path("Canvas").path("Color").asText()).isEqualTo("White");
        assertThat(event.path("Input").path("Output").path("Container").asText()).isEqualTo("mp4");
        JsonNode out = event.path("Output");
        assertThat(out.path("FileType").asText()).isEqualTo("mp4");
        assertThat(out.path("MediaName").asText()).isEqualTo("composed-demo");
        String fileId = out.path("FileId").asText();

        DescribeTaskDetailResponse detail = Tasks.awaitFinished(client, taskId);
        assertThat(detail.getTaskType()).isEqualTo("ComposeMedia");
        assertThat(detail.getComposeMediaTask().getOutput().getFileId()).isEqualTo(fileId);
        assertThat(detail.getComposeMediaTask().getInput().getTracks()[0].getTrackItems()).hasSize(3);
        DescribeMediaInfosRequest describe = new DescribeMediaInfosRequest();
        describe.setFileIds(new String[] {fileId});
        var info = client.DescribeMediaInfos(describe).getMediaInfoSet()[0];
        assertThat(info.getBasicInfo().getName()).isEqualTo("composed-demo");
        assertThat(info.getBasicInfo().getDescription()).isEqualTo("made by a test");
        assertThat(info.getMetaData().getDuration()).isCloseTo(1.5f, within(0.1f));
        MediaProbe made = Ffmpeg.locate().probe(Downloads.save(out.path("FileUrl").asText(), downloads));
        assertThat(made.width()).isEqualTo(160);
        assertThat(made.height()).as("the first video's aspect").isEqualTo(90);
        assertThat(made.audioStreams()).hasSize(1);
    }

    @Test
    void aStartBeyondTheSourceFinishesWithErrCode40000() throws Exception {
        String taskId = client.ComposeMedia(request(track("Video", video(small, 3f, 0)))).getTaskId();

        JsonNode event = EditMediaTest.awaitEvent(vod, "ComposeMediaComplete", "ComposeMediaCompleteEvent", taskId);

        assertThat(event.path("ErrCode").asLong()).isEqualTo(40000);
        assertThat(event.has("Output")).isFalse();
    }

    @Test
    void whatTheSimpleCompositionCannotDoIsRefused() {
        assertThat(code(request(track("Sticker", empty(1))))).isEqualTo("UnsupportedOperation");
        assertThat(code(request(track("Video", video(large, 0, 0)), track("Video", video(small, 0, 0)))))
                .isEqualTo("UnsupportedOperation");
        MediaTrackItem transition = new MediaTrackItem();
        transition.setType("Transition");
        transition.setTransitionItem(new MediaTransitionItem());
        assertThat(code(request(track("Video", video(large, 0, 0), transition)))).isEqualTo("UnsupportedOperation");
        ComposeMediaRequest mp3 = request(track("Video", video(large, 0, 0)));
        mp3.getOutput().setContainer("mp3");
        assertThat(code(mp3)).isEqualTo("UnsupportedOperation");
        ComposeMediaRequest unnamed = request(track("Video", video(large, 0, 0)));
        unnamed.getOutput().setFileName(null);
        assertThat(code(unnamed)).isEqualTo("MissingParameter");
        assertThat(code(request(track("Video", video("5000000000000000000", 0,
                0))))).isEqualTo("InvalidParameterValue");
        assertThat(code(request(track("Video", video(large, 0, 0), empty(0))))).isEqualTo("InvalidParameterValue");
        assertThat(code(request(track("Audio", audio(large, 1))))).isEqualTo("InvalidParameter");
        ComposeMediaRequest red = request(track("Video", video(large, 0, 0)));
        Canvas canvas = new Canvas();
        canvas.setColor("Red");
        red.setCanvas(canvas);
        assertThat(code(red)).isEqualTo("InvalidParameterValue");
    }

    private static ComposeMediaRequest request(MediaTrack... tracks) {
        ComposeMediaRequest request = new ComposeMediaRequest();
        request.setTracks(tracks);
        ComposeMediaOutput output = new ComposeMediaOutput();
        output.setFileName("composed-demo");
        request.setOutput(output);
        return request;
    }

    private static MediaTrack track(String type, MediaTrackItem... items) {
        MediaTrack track = new MediaTrack();
        track.setType(type);
        track.setTrackItems(items);
        return track;
    }

    private static MediaTrackItem video(String fileId, float start, float duration) {
        VideoTrackItem v = new VideoTrackItem();
        v.setSourceMedia(fileId);
        v.setSourceMediaStartTime(start);
        if (duration > 0) {
            v.setDuration(duration);
        }
        MediaTrackItem item = new MediaTrackItem();
        item.setType("Video");
        item.setVideoItem(v);
        return item;
    }

    private static MediaTrackItem audio(String fileId, float duration) {
        AudioTrackItem a = new AudioTrackItem();
        a.setSourceMedia(fileId);
        a.setDuration(duration);
        MediaTrackItem item = new MediaTrackItem();
        item.setType("Audio");
        item.setAudioItem(a);
        return item;
    }

    private static MediaTrackItem empty(float duration) {
        EmptyTrackItem e = new EmptyTrackItem();
        e.setDuration(duration);
        MediaTrackItem item = new MediaTrackItem();
        item.setType("Empty");
        item.setEmptyItem(e);
        return item;
    }

    private static String code(ComposeMediaRequest request) {
        return sdkError(() -> client.ComposeMedia(request)).getErrorCode();
    }
}
