package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.emulator.PullPolicy;
import dev.vodhook.service.CallbackSender.Callback;
import dev.vodhook.service.CallbackSender.Outcome;
import dev.vodhook.service.intake.IntakeMode;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.testkit.SettableClock;
import dev.vodhook.testkit.ShiftableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance, several receivers: three receivers share one PostgreSQL database (embedded, small) and take events
 * both ways at once: each pulls from the local VOD (in PULL mode: every upload's NewFileUpload and FINISH, and
 * synthetic FINISH events of other tasks, queued) and takes callbacks the test posts round-robin (the same uploads'
 * NewFileUpload again, and other synthetic FINISH events). Two run in this JVM; the third, in a child process, is
 * killed with SIGKILL mid-stream, leaving leases, unconfirmed pulls and unanswered callbacks behind (the callbacks
 * are posted again to a live receiver, as VOD would retry them; the pulls come back after the visibility timeout;
 * the leases lapse). Nothing is lost: every event is stored once and handled. Nothing is done twice: one task per
 * FileId at the local VOD, and every event was claimed exactly once, except those the killed receiver held, which
 * were claimed once more.
 *
 * <p>Nothing here depends on the machine's speed. The doomed receiver holds every upload for as long as the test
 * needs: the local VOD holds its ProcessMedia calls until the faults are cleared (its client waits longer than
 * that), and its leases are long (10 minutes, and extended by its heartbeat), so no live receiver can take over one
 * of them before it dies, however slow the machine. Once it is dead and what it held is written down, the live
 * receivers' clock jumps past that lease, and the dead receiver's leases lapse for them at once; their own leases
 * are longer than the jump, so those they hold at that moment stay theirs.
 */
class SharedPostgresAcceptanceTest {
    static final int UPLOADS = 16;
    static final int PULLED_SYNTHETIC = 150;
    static final int PUSHED_SYNTHETIC = 150;
    static final int KILL_AT = 60;
    /** Longer than the test: the doomed receiver's ProcessMedia calls are held until the faults are cleared. */
    static final Duration HELD = Duration.ofMinutes(10);
    /** The doomed receiver's lease: longer than the test, so only its death and the live clock's jump end it. */
    static final Duration DOOMED_LEASE = Duration.ofMinutes(10);
    /** How far the live receivers' clock jumps once the doomed one is dead: past every lease it held. */
    static final Duration JUMP = DOOMED_LEASE.plusMinutes(1);
    /**
     * The live receivers' leases and handler limit: long enough that the jump does not make the leases they hold at
     * that moment, or the handlers they run, look lapsed or overdue to themselves or to each other.
     */
    static final Duration LIVE_LEASE = Duration.ofHours(1);

    @TempDir
    Path dir;

    @Test
    void threeReceiversOneKilledLoseNothingAndDoNothingTwice() throws Exception {
        String database = TestDatabases.postgresUrl();
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false)
                .withPullPolicy(new PullPolicy(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofDays(4))))) {
            LocalVodCalls calls = new LocalVodCalls(vod);
            calls.pullMode();
            ShiftableClock live = ShiftableClock.system();
            ServiceConfig inProcess = calls.receiverConfig(TestReceivers.config(dir, SettableClock.at(TestReceivers.START)))
                    .withClock(live)
                    .withWorker(new WorkerSettings(Duration.ofMillis(200), 16, LIVE_LEASE, Duration.ofSeconds(5),
                            LIVE_LEASE.multipliedBy(2)))
                    .withDatabaseUrl(database)
                    .withDefinitions(List.of(100010))
                    .withIntake(IntakeSettings.defaults().withMode(IntakeMode.BOTH).withPullers(2));
            ReceiverProcess doomed = ReceiverProcess.start(dir.resolve("doomed.log"), Map.of("database", database,
                    "vod-endpoint", vod.baseUrl(), "secret-id", vod.config().secretId(),
                    "secret-key", vod.config().secretKey(), "intake", "both",
                    "lease-ms", String.valueOf(DOOMED_LEASE.toMillis()),
                    "vod-timeout-ms", String.valueOf(HELD.multipliedBy(2).toMillis())));
            String doomedOwner = ":" + doomed.pid() + ":";
            try (Database db = Database.open(database)) {
                // the doomed receiver, alone at first, pulls every upload and holds it, its ProcessMedia call held
                vod.faults().delayNextCalls("ProcessMedia", HELD, UPLOADS);
                List<String> fileIds = new ArrayList<>();
                for (int i = 0; i < UPLOADS; i++) {
                    fileIds.add(calls.uploadSmall());
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                        held(db, doomedOwner).size() >= UPLOADS && CrashAcceptanceTest.slowCallsPending(vod) == 0);
                try (VodhookServer one = VodhookServer.start(inProcess);
                        VodhookServer two = VodhookServer.start(inProcess)) {
                    vod.publishEvents(synthetic(0, PULLED_SYNTHETIC));
                    List<String> receivers = List.of(one.baseUrl(), two.baseUrl(), doomed.baseUrl());
                    List<String> bodies = new ArrayList<>(fileIds.stream().map(TestEvents::upload).toList());
                    bodies.addAll(syntheticBodies(PULLED_SYNTHETIC, PULLED_SYNTHETIC + PUSHED_SYNTHETIC));
                    Collections.shuffle(bodies, new Random(7));
                    List<Callback> stream = IntStream.range(0, bodies.size()).mapToObj(i ->
                            new Callback(receivers.get(i % 3) + "/callback", bodies.get(i))).toList();
                    Set<Long> heldByTheDead = ConcurrentHashMap.newKeySet();
                    List<Outcome> outcomes = new CallbackSender().whenAcknowledged(KILL_AT, () -> {
                        doomed.kill();
                        heldByTheDead.addAll(held(db, doomedOwner));
                    }).start(stream, 6).get();
                    assertThat(heldByTheDead).as("events the killed receiver held")
                            .hasSizeGreaterThanOrEqualTo(UPLOADS);
                    vod.faults().clear(); // the held ProcessMedia calls go ahead now, for a client that is gone
                    live.jumpAhead(JUMP); // and the dead receiver's leases lapse for the live ones, not their own

                    List<Callback> again = outcomes.stream().filter(o -> !o.acknowledged())
                            .map(o -> new Callback(one.baseUrl() + "/callback", o.callback().body())).toList();
                    assertThat(again).as("callbacks the killed receiver left unanswered").isNotEmpty();
                    assertThat(new CallbackSender().start(again, 6).get()).allMatch(Outcome::acknowledged);

                    int expected = 2 * UPLOADS + PULLED_SYNTHETIC + PUSHED_SYNTHETIC;
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        assertThat(db.inbox().countByStatus()).as(doomed.logTail())
                                .containsEntry(EventStatus.DONE, (long) expected);
                        assertThat(new Http(vod.baseUrl()).get("/_emulator/queue").json()).as("unconfirmed").isEmpty();
                    });

                    List<EventSummary> events = db.inbox().list(EventFilter.all(), 1000);
                    assertThat(events).hasSize(expected);
                    assertThat(events.stream().map(EventSummary::dedupeKey).collect(Collectors.toSet()))
                            .as("every upload and every synthetic event, once")
                            .containsAll(fileIds.stream().map(f -> "NewFileUpload:" + f).toList())
                            .hasSize(expected);
                    assertThat(events).filteredOn(e -> !heldByTheDead.contains(e.id()))
                            .as("claimed once: no two live receivers took the same event").allMatch(e -> e.attempts() == 1);
                    assertThat(events).filteredOn(e -> heldByTheDead.contains(e.id()))
                            .as("held by the killed receiver, claimed once more").allMatch(e -> e.attempts() == 2);
                    for (String fileId : fileIds) {
                        MediaView media = db.media().findMedia(fileId).orElseThrow();
                        assertThat(media.state()).isEqualTo(MediaState.FINISHED);
                        assertThat(media.outputs()).extracting(OutputRecord::definition).containsExactly(100010);
                    }
                    assertThat(db.media().findMedia("syn-" + (PULLED_SYNTHETIC + 1)).orElseThrow().outputs()).hasSize(2);
                    Map<String, Long> tasks = calls.taskCountsByFileId();
                    assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(fileIds);
                    assertThat(tasks.values()).as("tasks per FileId at the local VOD").containsOnly(1L);
                    assertThat(vod.apiCalls().ofAction("ProcessMedia")).filteredOn(ApiCall::succeeded).hasSize(UPLOADS);
                }
            } finally {
                doomed.close();
            }
        }
    }

    /** Events leased to the killed receiver when it died. */
    static Set<Long> held(Database db, String owner) {
        return db.inbox().list(EventFilter.all().withStatus(EventStatus.PROCESSING), 1000).stream()
                .map(e -> db.inbox().find(e.id()).orElseThrow())
                .filter(e -> e.leaseOwner().filter(o -> o.contains(owner)).isPresent())
                .map(StoredEvent::id).collect(Collectors.toSet());
    }

    /** A JSON array of FINISH events of tasks on media the local VOD does not have, numbered from..to-1. */
    static String synthetic(int from, int to) {
        return "[" + String.join(",", syntheticBodies(from, to)) + "]";
    }

    static List<String> syntheticBodies(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> TestEvents.procedureWithFailure("syn-" + i,
                "1500012345-procedurev2-syn" + i + "t0", 0)).toList();
    }
}
