package dev.vodhook.service.intake;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.Http;
import dev.vodhook.service.LocalVodCalls;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.vod.VodEventQueue;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reliable callback against the local VOD in PULL mode, through the official SDK: pull, commit, confirm. */
class PullIntakeTest {
    static final Duration HOLD = Duration.ofMillis(50);

    @TempDir
    Path dir;

    final SettableClock vodClock = new SettableClock(Instant.now());
    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing processing = new RecordingMediaProcessing();
    final List<AutoCloseable> open = new ArrayList<>();
    LocalVod vod;
    VodhookServer server;
    PullIntake pull;

    @BeforeEach
    void start() throws Exception {
        vod = LocalVod.start(EmulatorConfig.defaults().withClock(vodClock).withPullHold(HOLD));
        open.add(vod);
        ModifyEventConfigRequest pullMode = new ModifyEventConfigRequest();
        pullMode.setMode("PULL");
        LocalVodCalls.sdk(vod).ModifyEventConfig(pullMode);
        server = receiver(receiverConfig());
        pull = pullIntake(server);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    ServiceConfig receiverConfig() {
        return TestReceivers.config(dir, clock).withVodEndpoint(vod.baseUrl())
                .withCredentials(vod.config().secretId(), vod.config().secretKey());
    }

    VodhookServer receiver(ServiceConfig config) {
        VodhookServer started = VodhookServer.start(config, processing);
        open.add(started);
        return started;
    }

    /** A pull intake stepped by the test, appending through the receiver's group commit. */
    PullIntake pullIntake(VodhookServer receiver) {
        return new PullIntake(VodEventQueue.create(receiver.config()), receiver.groupCommit(), 1, clock,
                new ServiceMetrics(), new SplittableRandom(7));
    }

    void publishUploads(int from, int count) {
        StringBuilder events = new StringBuilder("[");
        for (int i = from; i < from + count; i++) {
            events.append(i == from ? "" : ",").append(upload(String.valueOf(i)));
        }
        assertThat(vod.publishEvents(events.append("]").toString())).isEqualTo(count);
    }

    List<EventSummary> stored() {
        return server.database().inbox().list(EventFilter.all(), 500);
    }

    /** Events the local VOD still holds (not confirmed), visible or in flight. */
    JsonNode unconfirmed() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(vod.baseUrl() + "/_emulator/queue")).build(), HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(r.body());
    }

    void awaitAllDone(int count) {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                server.database().inbox().countByStatus().get(EventStatus.DONE) == count);
    }

    @Test
    void pulledEventsAreCommittedThenConfirmedInBatchesOf16() throws Exception {
        publishUploads(1, 20);

        PullIntake.Round first = pull.runOnce();
        PullIntake.Round second = pull.runOnce();

        assertThat(first).isEqualTo(new PullIntake.Round(16, 16, 0, 16, 0, Duration.ZERO, java.util.Optional.empty()));
        assertThat(second.pulled()).isEqualTo(4);
        assertThat(second.confirmed()).isEqualTo(4);
        assertThat(unconfirmed()).isEmpty();
        assertThat(stored()).hasSize(20).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(EventSource.PULL);
            assertThat(e.dedupeKey()).startsWith("NewFileUpload:");
        });
        StoredEvent one = server.database().inbox().find(stored().getLast().id()).orElseThrow();
        assertThat(one.body()).contains("\"EventHandle\"").contains("\"ProcedureStateChangeEvent\":null");
        assertThat(one.headers()).containsKey("event-handle").containsKey("request-id");
        awaitAllDone(20);
        assertThat(processing.calls()).extracting(RecordingMediaProcessing.Call::fileId).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void anEventCommittedButNotConfirmedComesBackAfter30SecondsAndIsStoredAndProcessedOnce() throws Exception {
        publishUploads(1, 3);
        vod.faults().failNextCalls("ConfirmEvents", "InternalError", 1); // as if we crashed between commit and confirm

        PullIntake.Round lost = pull.runOnce();

        assertThat(lost.stored()).isEqualTo(3);
        assertThat(lost.confirmed()).isZero();
        assertThat(pull.runOnce().pulled()).as("hidden until the visibility timeout").isZero();
        vodClock.tick(Duration.ofSeconds(31));

        PullIntake.Round again = pull.runOnce();

        assertThat(again.pulled()).isEqualTo(3);
        assertThat(again.duplicates()).isEqualTo(3);
        assertThat(again.confirmed()).isEqualTo(3);
        assertThat(unconfirmed()).isEmpty();
        assertThat(stored()).hasSize(3);
        awaitAllDone(3);
        assertThat(processing.calls()).hasSize(3);
    }

    @Test
    void theSameEventsByPushAndByPullAreStoredAndProcessedOnce() throws Exception {
        Http http = new Http(server.baseUrl());
        publishUploads(1, 5);
        for (int i = 3; i <= 7; i++) {
            assertThat(http.post("/callback", upload(String.valueOf(i))).status()).isEqualTo(200);
        }

        PullIntake.Round round = pull.runOnce();

        assertThat(round.pulled()).isEqualTo(5);
        assertThat(round.duplicates()).as("3, 4 and 5 came by push first").isEqualTo(3);
        assertThat(round.confirmed()).isEqualTo(5);
        assertThat(http.post("/callback", upload("1")).json().path("duplicate").asBoolean()).isTrue();
        assertThat(stored()).hasSize(7);
        awaitAllDone(7);
        assertThat(processing.calls()).extracting(RecordingMediaProcessing.Call::fileId)
                .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void requestLimitExceededBacksOffLongerEachTimeWithJitterUntilAPullSucceeds() {
        vod.faults().failNextCalls("PullEvents", "RequestLimitExceeded", 3);

        List<PullIntake.Round> failed = IntStream.range(0, 3).mapToObj(i -> pull.runOnce()).toList();

        assertThat(failed).allSatisfy(r -> assertThat(r.error()).hasValueSatisfying(
                e -> assertThat(e).contains("RequestLimitExceeded")));
        assertThat(failed.get(0).backoff()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(failed.get(1).backoff()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(failed.get(2).backoff()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        publishUploads(1, 1);
        assertThat(pull.runOnce()).satisfies(r -> {
            assertThat(r.error()).isEmpty();
            assertThat(r.backoff()).isZero();
            assertThat(r.confirmed()).isEqualTo(1);
        });
        vod.faults().failNextCalls("PullEvents", "InternalError", 1);
        assertThat(pull.runOnce().backoff()).as("back to the first step").isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anEmptyQueueAndResourceNotFoundAreNothingToDo() {
        assertThat(pull.runOnce()).isEqualTo(PullIntake.Round.EMPTY);
        vod.faults().failNextCalls("PullEvents", "ResourceNotFound", 1);
        assertThat(pull.runOnce()).isEqualTo(PullIntake.Round.EMPTY);
    }

    @Test
    void twoInstancesPullingAtOnceStoreEachEventOnce() throws Exception {
        VodhookServer other = receiver(receiverConfig());
        PullIntake second = pullIntake(other);
        publishUploads(1, 100);

        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> pullUntilEmpty(pull));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> pullUntilEmpty(second));

        assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS)).isEqualTo(100);
        assertThat(stored()).hasSize(100);
        assertThat(unconfirmed()).isEmpty();
    }

    static int pullUntilEmpty(PullIntake intake) {
        int total = 0;
        PullIntake.Round round;
        while ((round = intake.runOnce()).pulled() > 0) {
            total += round.confirmed();
        }
        return total;
    }

    @Test
    void aReceiverInPullModePullsInTheBackgroundRefusesPushesAndConfirmsEverythingBeforeItStops() throws Exception {
        VodhookServer pulling = receiver(receiverConfig().withDatabaseUrl("jdbc:sqlite:" + dir.resolve("pulling.db"))
                .withIntake(IntakeSettings.defaults().withMode(IntakeMode.PULL)));
        publishUploads(1, 40);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                pulling.database().inbox().list(EventFilter.all(), 100).size() == 40);
        Http.Response push = new Http(pulling.baseUrl()).post("/callback", upload("99"));
        pulling.close();

        assertThat(push.status()).isEqualTo(404);
        assertThat(push.json().path("message").asText()).contains("intake: pull");
        assertThat(unconfirmed()).isEmpty();
    }

    @Test
    void aReceiverInBothModesTakesEachEventOnceWhicheverWayItComesFirst() {
        VodhookServer both = receiver(receiverConfig().withDatabaseUrl("jdbc:sqlite:" + dir.resolve("both.db"))
                .withIntake(IntakeSettings.defaults().withMode(IntakeMode.BOTH)));
        Http http = new Http(both.baseUrl());
        for (int i = 1; i <= 10; i += 2) {
            assertThat(http.post("/callback", upload(String.valueOf(i))).status()).isEqualTo(200);
        }
        publishUploads(1, 10);

        await().atMost(Duration.ofSeconds(60)).until(() ->
                both.database().inbox().countByStatus().get(EventStatus.DONE) == 10 && unconfirmedCount() == 0);
        assertThat(both.database().inbox().list(EventFilter.all(), 100)).hasSize(10);
        assertThat(processing.calls()).extracting(RecordingMediaProcessing.Call::fileId).hasSize(10)
                .doesNotHaveDuplicates();
    }

    int unconfirmedCount() throws IOException, InterruptedException {
        return unconfirmed().size();
    }

}
