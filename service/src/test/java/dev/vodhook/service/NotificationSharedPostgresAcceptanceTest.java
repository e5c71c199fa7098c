package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.CallbackSender.Callback;
import dev.vodhook.service.CallbackSender.Outcome;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.notify.RecordingEndpoint;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.outbox.AttemptOutcome;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.store.outbox.Notification;
import dev.vodhook.testkit.SettableClock;
import dev.vodhook.testkit.ShiftableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, notifications from several instances: three receivers share one PostgreSQL database; two run in this
 * JVM, the third in a child process. The third takes task-flow events of 24 media first and holds 6 notifications in
 * flight (the endpoint does not answer them); then all three take FINISH events round-robin, and the third is
 * SIGKILLed mid-stream. Once the live ones are idle, their clock jumps past its leases (their own leases are longer
 * than the jump, so even one they held then would stay theirs). Every notification is delivered, in order per media; each is received once, except those the killed
 * receiver had in flight, received once more: no notification is delivered twice by two live receivers.
 */
class NotificationSharedPostgresAcceptanceTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final int MEDIA = 24;
    static final int HELD = 6;
    static final Duration DOOMED_LEASE = Duration.ofMinutes(20);
    /** How far the living's clock jumps: past the dead one's leases (twice DOOMED_LEASE), not past their own. */
    static final Duration JUMP = DOOMED_LEASE.multipliedBy(3);
    static final Duration LIVE_LEASE = JUMP.multipliedBy(2);

    @TempDir
    Path dir;

    static String fileId(int i) {
        return "80000000000000" + (1000 + i);
    }

    static String taskId(int i) {
        return "1500012345-procedurev2-shared" + i + "t0";
    }

    @Test
    void threeReceiversOneKilledDeliverEachNotificationInOrderAndNeverTwiceFromTheLiving() throws Exception {
        String database = TestDatabases.postgresUrl();
        try (RecordingEndpoint app = RecordingEndpoint.start()) {
            app.holdNext(HELD, r -> true);
            ReceiverProcess doomed = ReceiverProcess.start(dir.resolve("doomed.log"), Map.of("database", database,
                    "vod-endpoint", "http://127.0.0.1:9", "secret-id", "AKIDtest", "secret-key", "test-key",
                    "notify-url", app.url(), "notify-secret", SECRET,
                    "notify-timeout-ms", String.valueOf(DOOMED_LEASE.toMillis()),
                    "notify-lease-ms", String.valueOf(DOOMED_LEASE.multipliedBy(2).toMillis())));
            String doomedOwner = ":" + doomed.pid() + ":";
            ShiftableClock live = ShiftableClock.system();
            ServiceConfig config = TestReceivers.config(dir, SettableClock.at(TestReceivers.START)).withClock(live)
                    .withWorker(new WorkerSettings(Duration.ofMillis(200), 16, LIVE_LEASE, Duration.ofSeconds(5), LIVE_LEASE))
                    .withDatabaseUrl(database).withVodEndpoint("http://127.0.0.1:9")
                    .withNotifications(NotifySettings.defaults().withLease(LIVE_LEASE)
                            .withEndpoints(List.of(NotifyEndpoint.of(app.url(), SECRET))));
            try (Database db = Database.open(database)) {
                assertThat(new CallbackSender().start(IntStream.range(0, MEDIA).mapToObj(i -> new Callback(
                        doomed.baseUrl() + "/callback", NotificationCrashAcceptanceTest.running(i, fileId(i), taskId(i))))
                        .toList(), 4).get()).allMatch(Outcome::acknowledged);
                await().atMost(Duration.ofSeconds(60)).until(() -> app.held() == HELD);

                try (VodhookServer one = VodhookServer.start(config); VodhookServer two = VodhookServer.start(config)) {
                    List<String> receivers = List.of(one.baseUrl(), two.baseUrl(), doomed.baseUrl());
                    List<Callback> finishes = IntStream.range(0, MEDIA).mapToObj(i -> new Callback(
                            receivers.get(i % 3) + "/callback", TestEvents.procedureWithFailure(fileId(i), taskId(i), 0)))
                            .toList();
                    List<Outcome> outcomes = new CallbackSender().whenAcknowledged(MEDIA / 2, doomed::kill)
                            .start(finishes, 6).get();
                    doomed.kill();
                    app.release(); // answered, to a receiver that is gone

                    // the living finish what they can; then, holding nothing, they see the dead one's leases lapse
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                            .until(() -> idleButForTheDead(database, db, doomedOwner));
                    Set<String> inFlightOfTheDead = sendingBy(database, doomedOwner);
                    live.jumpAhead(JUMP);
                    List<Callback> again = outcomes.stream().filter(o -> !o.acknowledged())
                            .map(o -> new Callback(one.baseUrl() + "/callback", o.callback().body())).toList();
                    assertThat(new CallbackSender().start(again, 4).get()).allMatch(Outcome::acknowledged);

                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        assertThat(db.inbox().countByStatus().get(EventStatus.DONE)).isEqualTo(2L * MEDIA);
                        var counts = db.outbox().log().countByStatus();
                        assertThat(counts.get(DeliveryStatus.DELIVERED)).as(doomed.logTail())
                                .isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum());
                    });

                    Map<String, String> written = new HashMap<>();
                    for (int i = 0; i < MEDIA; i++) {
                        for (Notification n : db.outbox().log().notifications(fileId(i))) {
                            written.put(n.eventId(), n.body());
                        }
                    }
                    List<RecordingEndpoint.Received> received = app.received();
                    Map<String, Long> receipts = received.stream().collect(Collectors.groupingBy(
                            RecordingEndpoint.Received::id, Collectors.counting()));
                    assertThat(receipts.keySet()).as("every notification delivered")
                            .containsExactlyInAnyOrderElementsOf(written.keySet());
                    assertThat(received).allSatisfy(r -> assertThat(r.bodyText()).isEqualTo(written.get(r.id())));
                    assertThat(inFlightOfTheDead).as("held by the killed receiver").hasSizeGreaterThanOrEqualTo(HELD);
                    receipts.forEach((id, n) -> {
                        if (inFlightOfTheDead.contains(id)) {
                            assertThat(n).as("receipts of %s, out with the killed receiver", id).isBetween(1L, 2L);
                        } else {
                            assertThat(n).as("receipts of %s, sent by the living only", id).isEqualTo(1L);
                        }
                    });
                    assertThat(received.stream().filter(RecordingEndpoint.Received::held)).hasSize(HELD)
                            .allSatisfy(r -> assertThat(receipts.get(r.id())).isEqualTo(2L));
                    for (DeliveryView d : db.outbox().log().list(DeliveryFilter.all(), 500)) {
                        assertThat(db.outbox().log().attempts(d.id())).filteredOn(a -> a.outcome() == AttemptOutcome.DELIVERED)
                                .as("delivery %d delivered once", d.id()).hasSize(1);
                    }
                    for (int i = 0; i < MEDIA; i++) {
                        assertThat(NotificationCrashAcceptanceTest.firstArrivals(app.of(fileId(i))))
                                .as("media %d in order", i).isSorted().hasSize(2);
                    }
                }
            } finally {
                doomed.close();
            }
        }
    }

    /** Nothing left to do for the living: no event due or held but by the dead, no delivery due or out but its. */
    static boolean idleButForTheDead(String url, Database db, String doomedOwner) throws Exception {
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement()) {
            ResultSet events = s.executeQuery("SELECT COUNT(*) FROM inbox WHERE status = 'PENDING'"
                    + " OR (status = 'PROCESSING' AND lease_owner NOT LIKE '%" + doomedOwner + "%')");
            events.next();
            long busyEvents = events.getLong(1);
            ResultSet deliveries = s.executeQuery("SELECT COUNT(*) FROM delivery WHERE status = 'PENDING'"
                    + " OR (status = 'SENDING' AND lease_owner NOT LIKE '%" + doomedOwner + "%')");
            deliveries.next();
            return busyEvents == 0 && deliveries.getLong(1) == 0;
        }
    }

    /** The webhook-ids of the deliveries the killed receiver held. */
    static Set<String> sendingBy(String url, String owner) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url); var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n.event_id FROM delivery d JOIN notification n"
                        + " ON n.id = d.notification_id WHERE d.status = 'SENDING' AND d.lease_owner LIKE '%" + owner + "%'")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
