package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.common.exception.TencentCloudSDKException;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ConfirmEventsRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.DescribeEventsStateRequest;
import com.tencentcloudapi.vod.v20180717.models.EventContent;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import com.tencentcloudapi.vod.v20180717.models.PullEventsRequest;
import dev.vodhook.testkit.SettableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reliable callback (PULL mode) through the official SDK: PullEvents, ConfirmEvents, DescribeEventsState. */
class PullEventsTest {

    private static final Duration HOLD = Duration.ofMillis(200);
    /** How long a test waits for what takes milliseconds before it fails: a guard against hangs, not a bound. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final SettableClock clock = new SettableClock(Instant.now());
    private static LocalVod vod;
    private static VodClient client;

    @BeforeAll
    static void start() {
        vod = LocalVod.start(EmulatorConfig.defaults().withClock(clock).withPullHold(HOLD));
        client = VodSdk.client(vod);
    }

    @AfterAll
    static void stop() {
        vod.close();
    }

    @BeforeEach
    void pullMode() throws Exception {
        vod.reset();
        clock.set(Instant.now());
        usePullMode(client);
    }

    @Test
    void eventsOfAPullApplicationAreQueuedInsteadOfPushed() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();

        assertThat(client.DescribeEventConfig(new DescribeEventConfigRequest()).getMode()).isEqualTo("PULL");
        assertThat(vod.deliveries().all()).isEmpty();
        assertThat(countToPull()).isEqualTo(1);
        EventContent[] events = pull();
        assertThat(events).hasSize(1);
        assertThat(events[0].getEventHandle()).isNotBlank();
        assertThat(events[0].getEventType()).isEqualTo("NewFileUpload");
        assertThat(events[0].getFileUploadEvent().getFileId()).isEqualTo(fileId);
        assertThat(events[0].getProcedureStateChangeEvent()).isNull();
        assertThat(countToPull()).isZero();
    }

    @Test
    void aPulledEventCarriesEveryPayloadFieldTheOthersNull() throws Exception {
        DirectUpload.upload(vod, TestClips.landscape());

        JsonNode answer = ApiAuthenticationTest.signedCall(vod, "PullEvents", "2018-07-17", "{}",
                Instant.now().getEpochSecond());

        JsonNode event = answer.path("Response").path("EventSet").get(0);
        assertThat(event.path("EventHandle").asText()).isNotBlank();
        assertThat(event.path("FileUploadEvent").path("FileId").isTextual()).isTrue();
        assertThat(event.has("ProcedureStateChangeEvent")).isTrue();
        assertThat(event.get("ProcedureStateChangeEvent").isNull()).isTrue();
        assertThat(event.get("FileDeleteEvent").isNull()).isTrue();
        assertThat(event.get("DescribeFileAttributesCompleteEvent").isNull()).isTrue();
        assertThat(event.size()).isEqualTo(22);
    }

    @Test
    void anEmptyQueueAnswersAnEmptySetAfterTheHold() throws Exception {
        long started = System.nanoTime();
        JsonNode answer = ApiAuthenticationTest.signedCall(vod, "PullEvents", "2018-07-17", "{}",
                Instant.now().getEpochSecond());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.path("Response").path("EventSet").isArray()).isTrue();
        assertThat(answer.path("Response").path("EventSet")).isEmpty();
        assertThat(took).isGreaterThanOrEqualTo(HOLD);
        assertThat(pull()).isEmpty();
    }

    @Test
    void aHeldPullIsAnsweredAsSoonAsAnEventArrives() throws Exception {
        // a hold the test never waits out: only the event's arrival can answer the pull with the event
        try (LocalVod patient = LocalVod.start(EmulatorConfig.defaults().withPullHold(Duration.ofMinutes(2)))) {
            VodClient patientClient = VodSdk.client(patient);
            usePullMode(patientClient);
            CompletableFuture<EventContent[]> pulled = CompletableFuture.supplyAsync(() -> {
                try {
                    return patientClient.PullEvents(new PullEventsRequest()).getEventSet();
                } catch (TencentCloudSDKException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(HANG_GUARD).until(() -> patient.heldPulls() == 1);
            assertThat(pulled).as("held while the queue is empty").isNotDone();

            String fileId = DirectUpload.upload(patient, TestClips.landscape()).getFileId();

            EventContent[] events = pulled.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
            assertThat(events).hasSize(1);
            assertThat(events[0].getFileUploadEvent().getFileId()).isEqualTo(fileId);
            assertThat(patient.heldPulls()).isZero();
        }
    }

    @Test
    void anUnconfirmedEventIsDeliveredAgainWithANewHandleAfterThirtySeconds() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        String first = pull()[0].getEventHandle();

        clock.tick(Duration.ofSeconds(29));
        assertThat(pull()).isEmpty();
        assertThat(countToPull()).isZero();

        clock.tick(Duration.ofSeconds(1));
        assertThat(countToPull()).isEqualTo(1);
        EventContent[] again = pull();

        assertThat(again).hasSize(1);
        assertThat(again[0].getFileUploadEvent().getFileId()).isEqualTo(fileId);
        assertThat(again[0].getEventHandle()).isNotEqualTo(first);
        assertThat(confirmError(first)).isEqualTo("InvalidParameterValue");
        confirm(again[0].getEventHandle());
        clock.tick(Duration.ofSeconds(31));
        assertThat(pull()).isEmpty();
    }

    @Test
    void aConfirmedEventIsGoneAndConfirmingAgainSucceeds() throws Exception {
        DirectUpload.upload(vod, TestClips.landscape());
        String handle = pull()[0].getEventHandle();

        confirm(handle);
        clock.tick(Duration.ofSeconds(31));
        confirm(handle);

        assertThat(pull()).isEmpty();
        assertThat(countToPull()).isZero();
    }

    @Test
    void unknownHandlesAreRejectedAndNothingIsConfirmed() throws Exception {
        DirectUpload.upload(vod, TestClips.landscape());
        String handle = pull()[0].getEventHandle();

        assertThat(confirmError(handle, "bm90LWEtaGFuZGxl")).isEqualTo("InvalidParameterValue");

        clock.tick(Duration.ofSeconds(30));
        assertThat(countToPull()).as("the good handle was not confirmed either").isEqualTo(1);
    }

    @Test
    void confirmEventsTakesOneToSixteenHandles() {
        String[] seventeen = IntStream.range(0, 17).mapToObj(i -> "handle" + i).toArray(String[]::new);

        assertThat(confirmError(seventeen)).isEqualTo("InvalidParameterValue");
        assertThat(confirmError()).isEqualTo("MissingParameter");
    }

    @Test
    void pullEventsReturnsAtMostSixteenOldestFirst() throws Exception {
        List<String> fileIds = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            fileIds.add(DirectUpload.upload(vod, TestClips.landscape()).getFileId());
        }

        EventContent[] firstBatch = pull();
        EventContent[] secondBatch = pull();

        assertThat(firstBatch).extracting(e -> e.getFileUploadEvent().getFileId())
                .containsExactlyElementsOf(fileIds.subList(0, 16));
        assertThat(secondBatch).extracting(e -> e.getFileUploadEvent().getFileId()).containsExactly(fileIds.get(16));
        confirm(java.util.Arrays.stream(firstBatch).map(EventContent::getEventHandle).toArray(String[]::new));
    }

    @Test
    void unconfirmedEventsAreDroppedAfterFourDays() throws Exception {
        DirectUpload.upload(vod, TestClips.landscape());
        Instant now = clock.instant();
        assertThat(queue()).hasSize(1);

        clock.tick(Duration.ofDays(4).minusSeconds(1));
        assertThat(queue()).hasSize(1);
        clock.tick(Duration.ofSeconds(1));
        assertThat(queue()).isEmpty();

        clock.set(now);
        assertThat(countToPull()).isZero();
    }

    @Test
    void theQueueIsShownUnderEmulator() throws Exception {
        String fileId = DirectUpload.upload(vod, TestClips.landscape()).getFileId();
        String handle = pull()[0].getEventHandle();

        JsonNode entry = queue().get(0);
        assertThat(entry.path("eventType").asText()).isEqualTo("NewFileUpload");
        assertThat(entry.path("state").asText()).isEqualTo("IN_FLIGHT");
        assertThat(entry.path("eventHandle").asText()).isEqualTo(handle);
        assertThat(entry.path("deliveries").asInt()).isEqualTo(1);
        assertThat(entry.path("body").path("FileUploadEvent").path("FileId").asText()).isEqualTo(fileId);
    }

    @Test
    void eventsOfAPushApplicationNeverReachTheQueue() throws Exception {
        ModifyEventConfigRequest push = new ModifyEventConfigRequest();
        push.setMode("PUSH");
        client.ModifyEventConfig(push);

        DirectUpload.upload(vod, TestClips.landscape());

        assertThat(countToPull()).isZero();
        assertThat(queue()).isEmpty();
    }

    static void usePullMode(VodClient target) throws Exception {
        ModifyEventConfigRequest request = new ModifyEventConfigRequest();
        request.setMode("PULL");
        target.ModifyEventConfig(request);
    }

    private static EventContent[] pull() throws Exception {
        return client.PullEvents(new PullEventsRequest()).getEventSet();
    }

    private static long countToPull() throws Exception {
        return client.DescribeEventsState(new DescribeEventsStateRequest()).getCountOfEventsToPull();
    }

    private static void confirm(String... handles) throws Exception {
        ConfirmEventsRequest request = new ConfirmEventsRequest();
        request.setEventHandles(handles);
        client.ConfirmEvents(request);
    }

    private static String confirmError(String... handles) {
        return ApiAuthenticationTest.sdkError(() -> confirm(handles)).getErrorCode();
    }

    private static JsonNode queue() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(vod.baseUrl() + "/_emulator/queue")).build(), HttpResponse.BodyHandlers.ofString());
            return new ObjectMapper().readTree(response.body());
        }
    }
}
