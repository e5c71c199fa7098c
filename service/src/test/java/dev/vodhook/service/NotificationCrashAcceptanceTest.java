package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.CallbackSender.Callback;
import dev.vodhook.service.CallbackSender.Outcome;
import dev.vodhook.service.notify.RecordingEndpoint;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.Notification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, a receiver killed mid-delivery: a receiver in a child process (SQLite file) notifies the application
 * of task flows running and finishing on 20 media; the application's endpoint holds the first 8 notifications
 * unanswered (in flight at the kill, whatever the machine's speed: the sender's timeout and the leases are longer than
 * the test), and the receiver is SIGKILLed while callbacks are still coming in. Restarted on the same database with
 * its clock past those leases, it sends the held notifications again and the rest: every notification written is
 * received at least once, every one received was written (none for a change that was not committed), none with a
 * changed id or body, and each media's in order.
 */
class NotificationCrashAcceptanceTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final int MEDIA = 20;
    static final int HELD = 8;
    static final Duration LONG = Duration.ofMinutes(20);

    @TempDir
    Path dir;

    static String fileId(int i) {
        return "70000000000000" + (1000 + i);
    }

    static String taskId(int i) {
        return "1500012345-procedurev2-crash" + i + "t0";
    }

    static String running(int i) {
        return running(i, fileId(i), taskId(i));
    }

    /** A task flow's PROCESSING event. */
    static String running(int i, String fileId, String taskId) {
        return """
                {"EventType":"ProcedureStateChanged","ProcedureStateChangeEvent":{"TaskId":"%s","Status":"PROCESSING",
                 "ErrCode":0,"Message":"","FileId":"%s","FileName":"clip","MediaProcessResultSet":[]}}
                """.formatted(taskId, fileId);
    }

    @Test
    void everyCommittedNotificationArrivesAtLeastOnceUnchangedAfterASigkillMidDelivery() throws Exception {
        String database = "jdbc:sqlite:" + dir.resolve("vodhook.db");
        try (RecordingEndpoint app = RecordingEndpoint.start()) {
            Map<String, String> settings = new HashMap<>(Map.of("database", database, "vod-endpoint",
                    "http://127.0.0.1:9", "secret-id", "AKIDtest", "secret-key", "test-key", "notify-url", app.url(),
                    "notify-secret", SECRET, "notify-timeout-ms", String.valueOf(LONG.toMillis()),
                    "notify-lease-ms", String.valueOf(LONG.multipliedBy(2).toMillis())));
            app.holdNext(HELD, r -> true);
            ReceiverProcess first = ReceiverProcess.start(dir.resolve("first.log"), settings);
            List<Outcome> outcomes = new ArrayList<>(new CallbackSender().start(IntStream.range(0, MEDIA)
                    .mapToObj(i -> new Callback(first.baseUrl() + "/callback", running(i))).toList(), 4).get());
            await().atMost(Duration.ofSeconds(60)).until(() -> app.held() == HELD);
            outcomes.addAll(new CallbackSender().whenAcknowledged(MEDIA / 2, first::kill).start(IntStream.range(0, MEDIA)
                    .mapToObj(i -> new Callback(first.baseUrl() + "/callback", TestEvents.procedureWithFailure(fileId(i),
                            taskId(i), 0))).toList(), 4).get());
            app.release(); // the held requests are answered, to a receiver that is gone
            List<String> heldIds = app.received().stream().filter(RecordingEndpoint.Received::held)
                    .map(RecordingEndpoint.Received::id).toList();

            settings.put("clock-ahead-ms", String.valueOf(LONG.multipliedBy(3).toMillis()));
            try (ReceiverProcess second = ReceiverProcess.start(dir.resolve("second.log"), settings)) {
                List<Callback> again = outcomes.stream().filter(o -> !o.acknowledged())
                        .map(o -> new Callback(second.baseUrl() + "/callback", o.callback().body())).toList();
                assertThat(new CallbackSender().start(again, 4).get()).allMatch(Outcome::acknowledged);
                try (Database db = Database.open(database)) {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        assertThat(db.inbox().countByStatus().get(EventStatus.DONE)).as(second.logTail())
                                .isEqualTo(2L * MEDIA);
                        var counts = db.outbox().log().countByStatus();
                        assertThat(counts.get(DeliveryStatus.DELIVERED)).as(second.logTail())
                                .isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
                    });
                    Map<String, String> written = new HashMap<>();
                    for (int i = 0; i < MEDIA; i++) {
                        for (Notification n : db.outbox().log().notifications(fileId(i))) {
                            written.put(n.eventId(), n.body());
                        }
                    }
                    List<RecordingEndpoint.Received> received = app.received();
                    assertThat(received).as("every one received was written, with that very body").allSatisfy(r ->
                            assertThat(r.bodyText()).isEqualTo(written.get(r.id())));
                    assertThat(received.stream().map(RecordingEndpoint.Received::id).distinct())
                            .as("every one written was received").containsExactlyInAnyOrderElementsOf(written.keySet());
                    assertThat(heldIds).as("in flight at the kill").hasSize(HELD);
                    assertThat(received).filteredOn(r -> heldIds.contains(r.id())).as("and sent again after it")
                            .hasSize(2 * HELD);
                    for (int i = 0; i < MEDIA; i++) {
                        assertThat(firstArrivals(app.of(fileId(i)))).as("media %d in order", i).isSorted();
                    }
                }
                second.stop();
            }
        }
    }

    /** A media's sequence numbers in the order they first arrived. */
    static List<Long> firstArrivals(List<RecordingEndpoint.Received> received) {
        Map<String, Long> first = new LinkedHashMap<>();
        received.forEach(r -> first.putIfAbsent(r.id(), r.sequence()));
        return List.copyOf(first.values());
    }
}
