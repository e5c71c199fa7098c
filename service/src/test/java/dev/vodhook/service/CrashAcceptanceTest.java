package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.CallbackSender.Callback;
import dev.vodhook.service.CallbackSender.Outcome;
import dev.vodhook.service.vod.VodApi;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, crash: a receiver in a child process (SQLite file) takes 200 callbacks posted 8 at a time (50 uploads
 * of the local VOD, each delivered 4 times, as VOD may) and is killed with SIGKILL mid-stream (at the 10th
 * acknowledgement after the first 100 callbacks), while ProcessMedia calls it made are still in flight (the local VOD
 * holds the first ones back). Restarted on the same database, it
 * has every callback it acknowledged before it died; the callbacks that got no answer, posted again as VOD would,
 * are taken too; every upload is processed, and the local VOD started exactly one task per FileId, counted by the
 * local VOD itself.
 */
class CrashAcceptanceTest {
    static final int FILES = 50;
    static final int DELIVERIES_EACH = 4;
    static final int SENDERS = 8;
    /** The receiver dies at the 10th acknowledgement after this many callbacks, with ProcessMedia calls in flight. */
    static final int KILL_AFTER = 100;
    /** ProcessMedia calls the local VOD may hold back (as many as one claim), so that the kill finds some in flight. */
    static final int SLOW_CALLS = 16;
    /**
     * Longer than the test: the held calls are let go when the faults are cleared, after the kill, so the kill finds
     * them in flight whatever the machine's speed (the receiver's client waits longer still).
     */
    static final Duration SLOW = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCallbackSurvivesASigkillAndEveryUploadIsTranscodedExactlyOnce() throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false).withFfmpegConcurrency(1))) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            List<String> fileIds = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                fileIds.add(calls.uploadSmall());
            }
            Map<String, String> settings = Map.of("database", "jdbc:sqlite:" + dir.resolve("vodhook.db"),
                    "vod-endpoint", vod.baseUrl(), "secret-id", vod.config().secretId(),
                    "secret-key", vod.config().secretKey(), "lease-ms", "3000",
                    "vod-timeout-ms", String.valueOf(SLOW.multipliedBy(2).toMillis()));
            vod.faults().delayNextCalls("ProcessMedia", SLOW, SLOW_CALLS);

            ReceiverProcess first = ReceiverProcess.start(dir.resolve("first.log"), settings);
            List<Callback> stream = stream(first.baseUrl(), fileIds);
            List<Outcome> outcomes = new ArrayList<>(new CallbackSender().start(stream.subList(0, KILL_AFTER), SENDERS)
                    .get());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> slowCallsPending(vod) < SLOW_CALLS);
            outcomes.addAll(new CallbackSender().whenAcknowledged(10, first::kill)
                    .start(stream.subList(KILL_AFTER, stream.size()), SENDERS).get());
            int slowCalls = SLOW_CALLS - slowCallsPending(vod);
            vod.faults().clear();

            Set<String> acknowledged = fileIdsOf(outcomes.stream().filter(Outcome::acknowledged));
            assertThat(acknowledged).as("acknowledged before the kill").isNotEmpty();
            assertThat(outcomes).as("callbacks left unanswered by the kill").anyMatch(o -> !o.acknowledged());

            try (ReceiverProcess second = ReceiverProcess.start(dir.resolve("second.log"), settings)) {
                assertThat(storedFileIds(second)).as("stored after the restart, before any callback came again")
                        .containsAll(acknowledged);

                List<Callback> again = outcomes.stream().filter(o -> !o.acknowledged())
                        .map(o -> new Callback(second.baseUrl() + "/callback", o.callback().body())).toList();
                assertThat(new CallbackSender().start(again, SENDERS).get()).allMatch(Outcome::acknowledged);

                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                        assertThat(events(second, "DONE")).as(second.logTail()).hasSize(FILES));
                await().atMost(Duration.ofSeconds(60)).until(() ->
                        vod.apiCalls().all().stream().filter(c -> c.fault().startsWith("delay")).count() == slowCalls);
                second.stop();
            }

            Map<String, Long> tasks = calls.taskCountsByFileId();
            assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(fileIds);
            assertThat(tasks.values()).as("tasks per FileId at the local VOD").containsOnly(1L);
            try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"))) {
                List<EventSummary> stored = db.inbox().list(EventFilter.all(), 1000);
                assertThat(stored).hasSize(FILES).allSatisfy(e -> {
                    assertThat(e.eventType()).isEqualTo("NewFileUpload");
                    assertThat(e.status()).isEqualTo(EventStatus.DONE);
                });
                List<ApiCall> refused = vod.apiCalls().ofAction("ProcessMedia").stream()
                        .filter(c -> c.errorCode().equals(VodApi.DUPLICATE_SESSION_ID)).toList();
                long retried = stored.stream().filter(e -> e.attempts() > 1).count();
                assertThat(retried).as("events the killed receiver held, handled again after the restart")
                        .isPositive();
                // each repeated attempt (after the restart, or after a failed attempt) makes at most one more call
                int repeats = stored.stream().mapToInt(e -> e.attempts() - 1).sum();
                assertThat(refused).as("a second ProcessMedia for an upload is refused by VOD as a repeat SessionId,"
                        + " at most once per repeated attempt").hasSizeBetween(1, repeats);
            }
        }
    }

    /** Every upload's NewFileUpload, delivered DELIVERIES_EACH times, shuffled. */
    static List<Callback> stream(String baseUrl, List<String> fileIds) {
        List<Callback> callbacks = new ArrayList<>();
        for (String fileId : fileIds) {
            for (int d = 0; d < DELIVERIES_EACH; d++) {
                callbacks.add(new Callback(baseUrl + "/callback", TestEvents.upload(fileId)));
            }
        }
        Collections.shuffle(callbacks, new Random(42));
        return callbacks;
    }

    /** How many ProcessMedia calls the local VOD will still hold back; the others are in flight or answered. */
    static int slowCallsPending(LocalVod vod) {
        JsonNode pending = new Http(vod.baseUrl()).get("/_emulator/faults").json().path("api");
        return pending.isEmpty() ? 0 : pending.get(0).path("errorCodes").size();
    }

    static Set<String> fileIdsOf(java.util.stream.Stream<Outcome> outcomes) {
        return outcomes.map(o -> TestEvents.fileIdOf(o.callback().body())).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> storedFileIds(ReceiverProcess receiver) {
        Set<String> ids = new TreeSet<>();
        events(receiver, "").forEach(e -> ids.add(e.path("dedupeKey").asText().substring("NewFileUpload:".length())));
        return ids;
    }

    static List<JsonNode> events(ReceiverProcess receiver, String status) {
        JsonNode list = new Http(receiver.adminUrl()).get("/api/events?limit=500&type=NewFileUpload"
                + (status.isEmpty() ? "" : "&status=" + status)).json().path("events");
        List<JsonNode> events = new ArrayList<>();
        list.forEach(events::add);
        return events;
    }
}
