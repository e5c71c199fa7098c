package dev.vodhook.emulator;

import static dev.vodhook.emulator.ApiAuthenticationTest.sdkError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.common.Credential;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventsStateRequest;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.emulator.internal.control.FaultRoutes;
import dev.vodhook.testkit.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fault injection: failing and delayed API calls seen through the official SDK, the call journal, and push faults
 * stepped by a settable clock.
 */
class FaultInjectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SettableClock clock = new SettableClock(Instant.now());
    private static RecordingReceiver receiver;
    private static LocalVod vod;
    private static VodClient client;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withClock(clock).withNotificationUrl(receiver.url())
                .withPushLoop(false));
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    @BeforeEach
    void resetEverything() {
        vod.reset();
        receiver.clear();
        clock.set(Instant.now());
    }

    @Test
    void theNextCallsOfAnActionFailWithTheGivenCode() throws Exception {
        JsonNode pending = post("{\"action\": \"DescribeEventConfig\", \"errorCode\": \"InternalError\", \"count\": 2}");
        assertThat(pending.path("api").get(0).path("errorCodes")).hasSize(2);

        TencentCloudSDKException first = sdkError(() -> client.DescribeEventConfig(new DescribeEventConfigRequest()));
        assertThat(client.DescribeEventsState(new DescribeEventsStateRequest()).getCountOfEventsToPull())
                .as("other actions are not affected").isZero();
        TencentCloudSDKException second = sdkError(() -> client.DescribeEventConfig(new DescribeEventConfigRequest()));

        assertThat(first.getErrorCode()).isEqualTo("InternalError");
        assertThat(first.getRequestId()).isNotEmpty();
        assertThat(second.getErrorCode()).isEqualTo("InternalError");
        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PUSH");
        assertThat(get().path("api")).isEmpty();
    }

    @Test
    void anUnauthenticatedCallDoesNotUseUpAFault() throws Exception {
        vod.faults().failNextCalls("DescribeEventConfig", "LimitExceeded", 1);

        assertThat(sdkError(() -> VodSdk.client(vod, vod.config().secretId(), "wrong")
                .DescribeEventConfig(new DescribeEventConfigRequest())).getErrorCode())
                .isEqualTo("AuthFailure.SignatureFailure");
        assertThat(sdkError(() -> client.DescribeEventConfig(new DescribeEventConfigRequest())).getErrorCode())
                .isEqualTo("LimitExceeded");
    }

    @Test
    void aFailedPushIsNotSentAndIsRetried() throws Exception {
        post("{\"push\": \"fail\", \"status\": 503}");
        DirectUpload.upload(vod, TestClips.landscape());

        vod.runDuePushes();
        assertThat(receiver.received()).isEmpty();
        assertThat(only().attempts().getFirst().statusCode()).hasValue(503);
        assertThat(only().attempts().getFirst().fault()).hasValue("fail 503");

        clock.tick(Duration.ofSeconds(1));
        vod.runDuePushes();

        assertThat(receiver.received()).hasSize(1);
        assertThat(only().status()).isEqualTo(Delivery.DELIVERED);
    }

    @Test
    void aTimedOutPushArrivesButIsSentAgain() throws Exception {
        vod.faults().timeOutNextPushes(1);
        DirectUpload.upload(vod, TestClips.landscape());

        vod.runDuePushes();
        assertThat(receiver.received()).hasSize(1);
        assertThat(only().status()).isEqualTo(Delivery.PENDING);
        assertThat(only().attempts().getFirst().statusCode()).isEmpty();
        assertThat(only().attempts().getFirst().error()).hasValueSatisfying(e -> assertThat(e).startsWith("timed out"));

        clock.tick(Duration.ofSeconds(1));
        vod.runDuePushes();

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(0).body()).isEqualTo(receiver.received().get(1).body());
        assertThat(only().status()).isEqualTo(Delivery.DELIVERED);
    }

    @Test
    void aDuplicatedPushArrivesTwice() throws Exception {
        post("{\"push\": \"duplicate\"}");
        DirectUpload.upload(vod, TestClips.landscape());

        vod.runDuePushes();

        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(0).body()).isEqualTo(receiver.received().get(1).body());
        assertThat(only().status()).isEqualTo(Delivery.DELIVERED);
        assertThat(only().attempts()).hasSize(1);
        assertThat(only().attempts().getFirst().fault()).hasValue("duplicate");
    }

    @Test
    void aVanishedPushIsNeverSentNorRetried() throws Exception {
        post("{\"push\": \"vanish\"}");
        DirectUpload.upload(vod, TestClips.landscape());

        vod.runDuePushes();
        clock.tick(Duration.ofMinutes(1));

        assertThat(vod.runDuePushes()).isZero();
        assertThat(receiver.received()).isEmpty();
        assertThat(only().status()).isEqualTo(Delivery.LOST);
        assertThat(only().nextAttemptAt()).isEmpty();
    }

    @Test
    void aDelayedCallAnswersLateAndTakesEffectThoughTheClientGaveUp() throws Exception {
        JsonNode pending = post("{\"action\": \"ModifyEventConfig\", \"delayMillis\": 1500}");
        assertThat(pending.path("api").get(0).path("errorCodes")).extracting(JsonNode::asText)
                .containsExactly("delay 1500 ms");
        ModifyEventConfigRequest pull = new ModifyEventConfigRequest();
        pull.setMode("PULL");

        TencentCloudSDKException timedOut = sdkError(() -> impatientClient().ModifyEventConfig(pull));

        assertThat(timedOut.getMessage()).containsIgnoringCase("timeout");
        // the journal records the call after the action has run, so wait for both
        await().atMost(Duration.ofSeconds(60)).until(() ->
                client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode().equals("PULL")
                        && !vod.apiCalls().ofAction("ModifyEventConfig").isEmpty());
        assertThat(vod.apiCalls().ofAction("ModifyEventConfig")).singleElement().satisfies(c -> {
            assertThat(c.succeeded()).isTrue();
            assertThat(c.fault()).isEqualTo("delay 1500 ms");
            assertThat(c.requestId()).isNotEmpty();
        });
        assertThat(get().path("api")).isEmpty();
    }

    @Test
    void clearingTheFaultsLetsADelayedCallRunAtOnce() throws Exception {
        vod.faults().delayNextCalls("ModifyEventConfig", Duration.ofHours(1), 1);
        ModifyEventConfigRequest pull = new ModifyEventConfigRequest();
        pull.setMode("PULL");
        var answer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return client.ModifyEventConfig(pull).getRequestId();
            } catch (TencentCloudSDKException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> get().path("api").isEmpty());
        assertThat(answer).as("held by its hour-long delay").isNotDone();

        vod.faults().clear();

        assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotEmpty();
        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PULL");
        assertThat(vod.apiCalls().ofAction("ModifyEventConfig")).singleElement()
                .satisfies(c -> assertThat(c.fault()).isEqualTo("delay 3600000 ms"));
    }

    @Test
    void everyCallIsJournaledWithWhenItCameAndHowItWasAnswered() throws Exception {
        vod.faults().failNextCalls("DescribeEventsState", "RequestLimitExceeded", 1);
        Instant before = clock.instant();

        sdkError(() -> client.DescribeEventsState(new DescribeEventsStateRequest()));
        client.DescribeEventsState(new DescribeEventsStateRequest());

        assertThat(vod.apiCalls().all()).extracting(ApiCall::action, ApiCall::errorCode, ApiCall::fault).containsExactly(
                tuple("DescribeEventsState", "RequestLimitExceeded", "RequestLimitExceeded"),
                tuple("DescribeEventsState", "", ""));
        assertThat(vod.apiCalls().all()).allSatisfy(c -> assertThat(c.receivedAt()).isAfterOrEqualTo(before));
        JsonNode listed = send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + "/_emulator/calls")), 200);
        assertThat(listed).hasSize(2);
        assertThat(listed.get(0).path("errorCode").asText()).isEqualTo("RequestLimitExceeded");
        assertThat(listed.get(1).path("requestId").asText()).isEqualTo(vod.apiCalls().all().get(1).requestId());
    }

    @Test
    void aHeldBackPushIsOvertakenByLaterOnesAndMadeWhenItsDelayIsOver() throws Exception {
        post("{\"push\": \"delay\", \"delayMillis\": 10000}");
        String first = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        vod.runDuePushes();
        assertThat(receiver.received()).isEmpty();
        assertThat(only().attempts()).isEmpty();
        assertThat(only().nextAttemptAt()).contains(clock.instant().plusSeconds(10));
        String second = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        vod.runDuePushes();
        clock.tick(Duration.ofSeconds(10));
        vod.runDuePushes();

        assertThat(receiver.received()).extracting(r -> r.body().path("FileUploadEvent").path("FileId").asText())
                .containsExactly(second, first);
        assertThat(vod.deliveries().all()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(Delivery.DELIVERED);
            assertThat(d.attempts()).singleElement().satisfies(a -> assertThat(a.number()).isEqualTo(1));
        });
    }

    @Test
    void aDelayedPushArrivesLateByTheClock() throws Exception {
        post("{\"push\": \"delay\", \"seconds\": 30}");
        DirectUpload.upload(vod, TestClips.landscape());
        Instant published = clock.instant();

        vod.runDuePushes();
        assertThat(receiver.received()).isEmpty();
        assertThat(only().status()).isEqualTo(Delivery.PENDING);
        assertThat(only().attempts()).isEmpty();
        assertThat(only().nextAttemptAt()).hasValue(published.plusSeconds(30));

        clock.tick(Duration.ofSeconds(29));
        assertThat(vod.runDuePushes()).isZero();
        clock.tick(Duration.ofSeconds(1));
        assertThat(vod.runDuePushes()).isEqualTo(1);

        assertThat(receiver.received()).hasSize(1);
        assertThat(only().status()).isEqualTo(Delivery.DELIVERED);
        assertThat(only().attempts()).singleElement().satisfies(a -> {
            assertThat(a.number()).isEqualTo(1);
            assertThat(a.at()).isEqualTo(published.plusSeconds(30));
            assertThat(a.fault()).hasValue("delay 30000 ms");
        });
    }

    @Test
    void aDelayedPushIsOvertakenByALaterEvent() throws Exception {
        vod.faults().delayNextPushes(Duration.ofSeconds(10), 1);
        String first = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        vod.runDuePushes();
        String second = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        vod.runDuePushes();
        clock.tick(Duration.ofSeconds(10));
        vod.runDuePushes();

        assertThat(uploadedFileIds()).containsExactly(second, first);
    }

    @Test
    void reorderedPushesAreHeldThenSentNewestFirst() throws Exception {
        post("{\"push\": \"reorder\", \"count\": 3}");
        List<String> uploaded = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            uploaded.add(DirectUpload.upload(vod, TestClips.landscape()).getFileId());
            vod.runDuePushes();
            if (i < 2) {
                assertThat(receiver.received()).as("held until the third").isEmpty();
                assertThat(vod.deliveries().all().get(i).nextAttemptAt()).as("held: no due time").isEmpty();
            }
        }

        assertThat(uploadedFileIds()).containsExactly(uploaded.get(2), uploaded.get(1), uploaded.get(0));
        assertThat(vod.deliveries().all()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(Delivery.DELIVERED);
            assertThat(d.attempts()).singleElement().satisfies(a -> assertThat(a.fault()).hasValue("reorder 3"));
        });
        assertThat(get().path("push")).isEmpty();
    }

    @Test
    void droppingTheFaultsReleasesHeldPushes() throws Exception {
        vod.faults().reorderNextPushes(5);
        DirectUpload.upload(vod, TestClips.landscape());
        DirectUpload.upload(vod, TestClips.landscape());
        vod.runDuePushes();
        assertThat(receiver.received()).isEmpty();

        send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + FaultRoutes.PATH)).DELETE(), 200);
        vod.runDuePushes();

        assertThat(receiver.received()).hasSize(2);
        assertThat(vod.deliveries().all()).extracting(Delivery::status).containsOnly(Delivery.DELIVERED);
    }

    @Test
    void pushFaultsAreUsedInOrderAndCanBeDropped() throws Exception {
        vod.faults().failNextPushes(500, 2);
        post("{\"push\": \"vanish\", \"count\": 1}");
        vod.faults().delayNextPushes(Duration.ofSeconds(3), 1);
        assertThat(get().path("push")).extracting(JsonNode::asText)
                .containsExactly("fail 500", "fail 500", "vanish", "delay 3000 ms");

        JsonNode cleared = send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + FaultRoutes.PATH)).DELETE(), 200);

        assertThat(cleared.path("push")).isEmpty();
        assertThat(cleared.path("api")).isEmpty();
    }

    @Test
    void malformedFaultsAreRefusedWith400() throws Exception {
        for (String body : new String[] {"{}", "{\"push\": \"explode\"}", "{\"push\": \"fail\"}",
                "{\"push\": \"fail\", \"status\": 200}", "{\"action\": \"ProcessMedia\"}",
                "{\"action\": \"ProcessMedia\", \"errorCode\": \"InternalError\", \"count\": 0}",
                "{\"push\": \"vanish\", \"colour\": \"red\"}", "not json", "{\"push\": \"delay\"}",
                "{\"push\": \"delay\", \"delayMillis\": 0}",
                "{\"action\": \"ProcessMedia\", \"errorCode\": \"InternalError\", \"delayMillis\": 100}",
                "{\"push\": \"delay\", \"seconds\": 0}", "{\"push\": \"delay\", \"seconds\": 3, \"delayMillis\": 3000}",
                "{\"push\": \"reorder\", \"count\": 1}"}) {
            JsonNode answer = send(post(body, "POST"), 400);
            assertThat(answer.path("error").asText()).as(body).isNotBlank();
        }
        assertThat(get().path("push")).isEmpty();
        assertThatThrownBy(() -> vod.faults().failNextPushes(99, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vod.faults().delayNextCalls("ProcessMedia", Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vod.faults().delayNextPushes(Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A client that gives up on an answer after one second. */
    private static VodClient impatientClient() {
        return LocalVodExtension.client(vod.endpoint(), new Credential(vod.config().secretId(),
                vod.config().secretKey()), "ap-guangzhou", profile -> profile.getHttpProfile().setReadTimeout(1));
    }

    /** The FileIds of the NewFileUpload events the receiver got, in the order they arrived. */
    private static List<String> uploadedFileIds() {
        return receiver.bodiesOf("NewFileUpload").stream()
                .map(b -> b.path("FileUploadEvent").path("FileId").asText()).toList();
    }

    private static Delivery only() {
        assertThat(vod.deliveries().all()).hasSize(1);
        return vod.deliveries().all().getFirst();
    }

    private static JsonNode post(String body) throws Exception {
        return send(post(body, "POST"), 200);
    }

    private static HttpRequest.Builder post(String body, String method) {
        return HttpRequest.newBuilder(URI.create(vod.baseUrl() + FaultRoutes.PATH))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonNode get() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + FaultRoutes.PATH)), 200);
    }

    private static JsonNode send(HttpRequest.Builder request, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
    }
}
