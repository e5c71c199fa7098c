package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigResponse;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.signing.CallbackSignature;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event pushes: retries, the delivery journal, switches and signatures. */
class PushDeliveryTest {

    private static RecordingReceiver receiver;
    private static LocalVod vod;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url())
                .withPushRetry(PushRetryPolicy.maxAttempts(3).backoff(Duration.ofMillis(50), 2)));
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    @BeforeEach
    void resetEmulator() {
        vod.reset();
    }

    @Test
    void aPushAnsweredWith500IsRetriedUntil200() throws Exception {
        receiver.answer(500);

        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        Delivery delivery = awaitDelivery(Delivery.DELIVERED);
        assertThat(delivery.eventType()).isEqualTo("NewFileUpload");
        assertThat(delivery.url()).isEqualTo(receiver.url());
        assertThat(delivery.attempts()).hasSize(2);
        assertThat(delivery.attempts().get(0).statusCode()).hasValue(500);
        assertThat(delivery.attempts().get(0).error()).hasValue("HTTP 500");
        assertThat(delivery.attempts().get(1).statusCode()).hasValue(200);
        assertThat(delivery.nextAttemptAt()).isEmpty();
        List<RecordingReceiver.Received> bodies = receiver.received().stream()
                .filter(r -> r.body().path("FileUploadEvent").path("FileId").asText().equals(fileId)).toList();
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(0).contentType()).isEqualTo("application/json");
        assertThat(bodies.get(0).body()).isEqualTo(bodies.get(1).body());
        assertThat(bodies.get(0).body().has("EventHandle")).isFalse();
    }

    @Test
    void aPushIsGivenUpAfterTheLastAttempt() throws Exception {
        receiver.answer(500, 502, 503);

        DirectUpload.upload(vod, TestClips.landscape());

        Delivery delivery = awaitDelivery(Delivery.FAILED);
        assertThat(delivery.attempts()).extracting(a -> a.statusCode().orElse(0)).containsExactly(500, 502, 503);
        assertThat(delivery.nextAttemptAt()).isEmpty();
    }

    @Test
    void anUnreachableReceiverIsRecordedAsAnError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        modify(r -> r.setNotificationUrl("http://127.0.0.1:" + closedPort + "/gone"));

        DirectUpload.upload(vod, TestClips.landscape());

        Delivery delivery = awaitDelivery(Delivery.FAILED);
        assertThat(delivery.attempts()).hasSize(3).allSatisfy(a -> {
            assertThat(a.statusCode()).isEmpty();
            assertThat(a.error()).isPresent();
        });
    }

    @Test
    void theJournalIsServedUnderEmulator() throws Exception {
        DirectUpload.upload(vod, TestClips.landscape());
        awaitDelivery(Delivery.DELIVERED);

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(vod.baseUrl() + "/_emulator/deliveries")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode deliveries = new ObjectMapper().readTree(response.body());

            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.get(0).path("status").asText()).isEqualTo("DELIVERED");
            assertThat(deliveries.get(0).path("attempts").get(0).path("statusCode").asInt()).isEqualTo(200);
            assertThat(deliveries.get(0).path("body").path("EventType").asText()).isEqualTo("NewFileUpload");
        }
    }

    @Test
    void theUploadSwitchTurnsNewFileUploadOff() throws Exception {
        modify(r -> r.setUploadMediaCompleteEventSwitch("OFF"));

        DescribeEventConfigResponse config = VodSdk.client(vod).DescribeEventConfig(new DescribeEventConfigRequest());
        String taskId = VodSdk.client(vod).ProcessMedia(ProcessMediaTest.request(
                DirectUpload.upload(vod, TestClips.landscape()).getFileId(), 100010)).getTaskId();

        assertThat(config.getUploadMediaCompleteEventSwitch()).isEqualTo("OFF");
        assertThat(config.getNotificationUrl()).isEqualTo(receiver.url());
        Delivery delivery = awaitDelivery(Delivery.DELIVERED);
        assertThat(delivery.eventType()).isEqualTo("ProcedureStateChanged");
        assertThat(delivery.body().path("ProcedureStateChangeEvent").path("TaskId").asText()).isEqualTo(taskId);
        assertThat(vod.deliveries().ofType("NewFileUpload")).isEmpty();
    }

    @Test
    void aSignKeyAddsSignAndT() throws Exception {
        modify(r -> r.set("SignKey", "k8Zp2Qw9Lm4Xr7Tb"));
        long before = Instant.now().getEpochSecond();

        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        awaitDelivery(Delivery.DELIVERED);
        long after = Instant.now().getEpochSecond();

        JsonNode body = receiver.bodiesOf("NewFileUpload").stream()
                .filter(b ->
                        b.path("FileUploadEvent").path("FileId").asText().equals(fileId)).findFirst().orElseThrow();
        long t = body.path("T").asLong();
        assertThat(t).as("ten minutes after the push, which came between the upload and its delivery")
                .isBetween(before + 600, after + 600);
        assertThat(body.path("Sign").asText()).isEqualTo(CallbackSignature.sign("k8Zp2Qw9Lm4Xr7Tb", t));
    }

    @Test
    void badEventConfigValuesAreRefused() {
        assertThat(ApiAuthenticationTest.sdkError(() -> modify(r -> r.setMode("NORMAL"))).getErrorCode())
                .isEqualTo("InvalidParameterValue");
        assertThat(ApiAuthenticationTest.sdkError(() -> modify(r -> r.setNotificationUrl("ftp://x/"))).getErrorCode())
                .isEqualTo("InvalidParameterValue");
    }

    private static void modify(java.util.function.Consumer<ModifyEventConfigRequest> change) throws Exception {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        change.accept(request);
        VodSdk.client(vod).ModifyEventConfig(request);
    }

    private static Delivery awaitDelivery(String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> vod.deliveries().all().stream().filter(d -> d.status().equals(status)).findFirst()
                        .orElse(null), d -> d != null);
    }
}
