package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tencentcloudapi.common.AbstractModel;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.ApplyUploadResponse;
import com.tencentcloudapi.vod.v20180717.models.CommitUploadRequest;
import com.tencentcloudapi.vod.v20180717.models.ConfirmEventsRequest;
import com.tencentcloudapi.vod.v20180717.models.CreateProcedureTemplateRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigResponse;
import com.tencentcloudapi.vod.v20180717.models.DescribeMediaInfosRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeProcedureTemplatesRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailResponse;
import com.tencentcloudapi.vod.v20180717.models.EventContent;
import com.tencentcloudapi.vod.v20180717.models.MediaProcessTaskInput;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.ProcessMediaRequest;
import com.tencentcloudapi.vod.v20180717.models.PullEventsRequest;
import com.tencentcloudapi.vod.v20180717.models.TranscodeTaskInput;
import com.tencentcloudapi.vod.v20180717.models.PullUploadRequest;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.signing.CallbackSignature;
import dev.vodhook.testkit.SettableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a data directory the local VOD's state survives a restart; seen through the official SDK. */
class RestartTest {

    private final SettableClock clock = new SettableClock(Instant.now());

    @Test
    void mediaTasksEventsSettingsTemplatesAndSessionIdsSurviveARestart(@TempDir Path data) throws Exception {
        EmulatorConfig config = config(data);
        String fileId;
        String taskId;
        String mediaInfos;
        String taskDetail;
        String confirmedHandle;
        ApplyUploadResponse unfinishedUpload;
        try (LocalVod vod = LocalVod.start(config)) {
            VodClient client = VodSdk.client(vod);
            ModifyEventConfigRequest pull = new ModifyEventConfigRequest();
            pull.setMode("PULL");
            pull.setDeleteMediaCompleteEventSwitch("ON");
            pull.set("SignKey", "restartKey1");
            client.ModifyEventConfig(pull);
            fileId = DirectUpload.upload(vod, TestClips.clip(160, 90)).getFileId();
            taskId = client.ProcessMedia(transcode(fileId, "session-1")).getTaskId();
            Tasks.awaitFinished(client, taskId);
            CreateProcedureTemplateRequest template = new CreateProcedureTemplateRequest();
            template.setName("KeptFlow");
            template.setMediaProcessTask(transcode(fileId, "").getMediaProcessTask());
            client.CreateProcedureTemplate(template);
            unfinishedUpload = client.ApplyUpload(mp4());

            EventContent[] pulled = client.PullEvents(new PullEventsRequest()).getEventSet();
            assertThat(pulled).extracting(EventContent::getEventType)
                    .containsExactly("NewFileUpload", "ProcedureStateChanged");
            confirmedHandle = pulled[0].getEventHandle();
            mediaInfos = json(client.DescribeMediaInfos(describe(fileId)));
            taskDetail = json(client.DescribeTaskDetail(taskDetail(taskId)));
        }

        assertThat(data.resolve("state.json")).exists();
        assertThat(Files.getPosixFilePermissions(data.resolve("state.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        try (LocalVod vod = LocalVod.start(config)) {
            VodClient client = VodSdk.client(vod);

            assertThat(json(client.DescribeMediaInfos(describe(fileId)))).isEqualTo(mediaInfos);
            DescribeTaskDetailResponse detail = client.DescribeTaskDetail(taskDetail(taskId));
            assertThat(json(detail)).isEqualTo(taskDetail);
            assertThat(detail.getStatus()).isEqualTo("FINISH");
            DescribeEventConfigResponse events = client.DescribeEventConfig(new DescribeEventConfigRequest());
            assertThat(events.getMode()).isEqualTo("PULL");
            assertThat(events.getDeleteMediaCompleteEventSwitch()).isEqualTo("ON");
            DescribeProcedureTemplatesRequest templates = new DescribeProcedureTemplatesRequest();
            templates.setNames(new String[] {"KeptFlow"});
            assertThat(client.DescribeProcedureTemplates(templates).getTotalCount()).isEqualTo(1);
            assertThat(sdkError(() -> client.ProcessMedia(transcode(fileId, "session-1"))).getErrorCode())
                    .as("the SessionId is still remembered").isEqualTo("InvalidParameterValue.SessionId");

            ConfirmEventsRequest confirm = new ConfirmEventsRequest();
            confirm.setEventHandles(new String[] {confirmedHandle});
            client.ConfirmEvents(confirm);
            clock.tick(Duration.ofSeconds(31));
            EventContent[] again = client.PullEvents(new PullEventsRequest()).getEventSet();
            assertThat(again).extracting(EventContent::getEventType).containsExactly("ProcedureStateChanged");

            String transcodeUrl = client.DescribeMediaInfos(describe(fileId)).getMediaInfoSet()[0].getTranscodeInfo()
                    .getTranscodeSet()[1].getUrl();
            assertThat(Downloads.get(vod.baseUrl() + URI.create(transcodeUrl).getPath()).status()).isEqualTo(200);

            assertThat(DirectUpload.put(vod, unfinishedUpload, TestClips.clip(160, 90)).statusCode()).isEqualTo(200);
            CommitUploadRequest commit = new CommitUploadRequest();
            commit.setVodSessionKey(unfinishedUpload.getVodSessionKey());
            assertThat(client.CommitUpload(commit).getFileId()).isNotEqualTo(fileId);
        }
    }

    @Test
    void anUnfinishedPushIsRetriedAfterARestartWithItsSignKey(@TempDir Path data) throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver().answer(500)) {
            EmulatorConfig config = config(data).withNotificationUrl(receiver.url()).withPushLoop(false);
            Instant published;
            try (LocalVod vod = LocalVod.start(config)) {
                ModifyEventConfigRequest signed = new ModifyEventConfigRequest();
                signed.set("SignKey", "restartKey2");
                VodSdk.client(vod).ModifyEventConfig(signed);
                DirectUpload.upload(vod, TestClips.clip(160, 90));
                published = clock.instant();
                vod.runDuePushes();
                assertThat(receiver.received()).hasSize(1);
            }

            try (LocalVod vod = LocalVod.start(config)) {
                Delivery pending = vod.deliveries().all().getFirst();
                assertThat(pending.status()).isEqualTo(Delivery.PENDING);
                assertThat(pending.nextAttemptAt()).hasValue(published.plusSeconds(1));
                assertThat(vod.runDuePushes()).isZero();
                clock.tick(Duration.ofSeconds(1));
                assertThat(vod.runDuePushes()).isEqualTo(1);

                Delivery delivered = vod.deliveries().all().getFirst();
                assertThat(delivered.status()).isEqualTo(Delivery.DELIVERED);
                assertThat(delivered.attempts()).extracting(DeliveryAttempt::number).containsExactly(1, 2);
                assertThat(receiver.received().get(1).body().path("Sign").asText()).isEqualTo(
                        CallbackSignature.sign("restartKey2", receiver.received().get(1).body().path("T").asLong()));
            }
        }
    }

    @Test
    void aTaskFlowCutShortByTheStopRunsOnAfterTheRestart(@TempDir Path data, @TempDir Path bin) throws Exception {
        String taskId;
        try (LocalVod vod = LocalVod.start(config(data).withFfmpegPath(stuckFfmpeg(bin)))) {
            VodClient client = VodSdk.client(vod);
            String fileId = DirectUpload.upload(vod, TestClips.clip(160, 90)).getFileId();
            taskId = client.ProcessMedia(transcode(fileId, "")).getTaskId();
            assertThat(client.DescribeTaskDetail(taskDetail(taskId)).getStatus()).isEqualTo("PROCESSING");
        }

        try (LocalVod vod = LocalVod.start(config(data))) {
            DescribeTaskDetailResponse detail = Tasks.awaitFinished(VodSdk.client(vod), taskId);

            assertThat(detail.getProcedureTask().getMediaProcessResultSet()[0].getTranscodeTask().getStatus())
                    .isEqualTo("SUCCESS");
        }
    }

    @Test
    void aPullUploadCutShortByTheStopEndsWithAnInternalErrorAfterTheRestart(@TempDir Path data) throws Exception {
        String taskId;
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> acceptAndSayNothing(silent));
            try (LocalVod vod = LocalVod.start(config(data))) {
                VodClient client = VodSdk.client(vod);
                ModifyEventConfigRequest pull = new ModifyEventConfigRequest();
                pull.setMode("PULL");
                client.ModifyEventConfig(pull);
                PullUploadRequest request = new PullUploadRequest();
                request.setMediaUrl("http://127.0.0.1:" + silent.getLocalPort() + "/never.mp4");
                taskId = client.PullUpload(request).getTaskId();
            }
        }

        try (LocalVod vod = LocalVod.start(config(data))) {
            VodClient client = VodSdk.client(vod);
            DescribeTaskDetailResponse detail = client.DescribeTaskDetail(taskDetail(taskId));
            assertThat(detail.getStatus()).isEqualTo("FINISH");
            assertThat(detail.getPullUploadTask().getErrCode()).isEqualTo(70000L);
            EventContent[] events = client.PullEvents(new PullEventsRequest()).getEventSet();
            assertThat(events).extracting(EventContent::getEventType).containsExactly("PullComplete");
            assertThat(events[0].getPullCompleteEvent().getErrCode()).isEqualTo(70000L);
        }
    }

    /** An ffmpeg that lists the real one's encoders but never finishes a job; the real ffprobe beside it. */
    private static Path stuckFfmpeg(Path bin) throws Exception {
        Ffmpeg real = Ffmpeg.locate();
        Path fake = bin.resolve("ffmpeg");
        Files.writeString(fake, "#!/bin/sh\ncase \" $* \" in *\" -encoders \"*) exec " + real.ffmpeg()
                + " \"$@\";; esac\nexec sleep 60\n");
        fake.toFile().setExecutable(true);
        Files.createSymbolicLink(bin.resolve("ffprobe"), real.ffprobe());
        return fake;
    }

    private static void acceptAndSayNothing(ServerSocket server) {
        java.util.List<java.net.Socket> open = new java.util.ArrayList<>();
        try {
            while (true) {
                open.add(server.accept());
            }
        } catch (java.io.IOException closed) {
            open.forEach(socket -> {
                try {
                    socket.close();
                } catch (java.io.IOException ignored) {
                    // closing anyway
                }
            });
        }
    }

    @Test
    void aSecondEmulatorOnTheSameDataDirectoryIsRefused(@TempDir Path data) {
        try (LocalVod vod = LocalVod.start(config(data))) {
            assertThatThrownBy(() -> LocalVod.start(config(data))).isInstanceOf(EmulatorException.class)
                    .hasMessageContaining("in use");
        }
        LocalVod.start(config(data)).close();
    }

    @Test
    void anUnreadableStateIsAnErrorNotAFreshStart(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("state.json"), "{\"format\": 99}");

        assertThatThrownBy(() -> LocalVod.start(config(data))).isInstanceOf(EmulatorException.class)
                .hasMessageContaining("format 99");
        Files.writeString(data.resolve("state.json"), "{not json");
        assertThatThrownBy(() -> LocalVod.start(config(data))).isInstanceOf(EmulatorException.class)
                .hasMessageContaining("move it away");
    }

    private EmulatorConfig config(Path data) {
        return EmulatorConfig.defaults().withDataDir(data).withClock(clock).withPullHold(Duration.ofMillis(100))
                .withPublicBaseUrl("http://media.example");
    }

    static ProcessMediaRequest transcode(String fileId, String sessionId) {
        ProcessMediaRequest request = new ProcessMediaRequest();
        request.setFileId(fileId);
        MediaProcessTaskInput task = new MediaProcessTaskInput();
        task.setTranscodeTaskSet(Arrays.stream(new long[] {100010}).mapToObj(d -> {
            TranscodeTaskInput t = new TranscodeTaskInput();
            t.setDefinition(d);
            return t;
        }).toArray(TranscodeTaskInput[]::new));
        request.setMediaProcessTask(task);
        request.setSessionId(sessionId);
        return request;
    }

    private static ApplyUploadRequest mp4() {
        ApplyUploadRequest request = new ApplyUploadRequest();
        request.setMediaType("mp4");
        return request;
    }

    private static DescribeMediaInfosRequest describe(String fileId) {
        DescribeMediaInfosRequest request = new DescribeMediaInfosRequest();
        request.setFileIds(new String[] {fileId});
        return request;
    }

    private static DescribeTaskDetailRequest taskDetail(String taskId) {
        DescribeTaskDetailRequest request = new DescribeTaskDetailRequest();
        request.setTaskId(taskId);
        return request;
    }

    /** The answer as JSON without its RequestId. */
    private static String json(AbstractModel answer) {
        return AbstractModel.toJsonString(answer).replaceAll("\"RequestId\":\"[^\"]*\"", "");
    }
}
