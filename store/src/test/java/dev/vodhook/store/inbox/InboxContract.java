package dev.vodhook.store.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.store.Database;
import dev.vodhook.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do for the inbox; subclassed per database. */
abstract class InboxContract {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    Database database;
    Inbox inbox;

    /** A new, empty, migrated database. */
    abstract Database openDatabase();

    /** Makes the database refuse (with an error) any insert of an event with this dedupe key. */
    abstract void refuseInsertsOf(String dedupeKey);

    @BeforeEach
    void open() {
        database = openDatabase();
        inbox = database.inbox();
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    static IncomingEvent event(String key) {
        return event(key, "NewFileUpload", T0);
    }

    static IncomingEvent event(String key, String type, Instant at) {
        return new IncomingEvent(at, EventSource.PUSH, type, "V3", key,
                "{\"EventType\":\"" + type + "\",\"k\":\"" + key + "\"}", Map.of("content-type", "application/json"));
    }

    @Test
    void appendStoresTheEventVerbatimAsPending() {
        String body = "{ \"EventType\" : \"NewFileUpload\",\n  \"FileUploadEvent\": {\"FileId\": \"14508071098244959037\"} }";
        AppendResult result = inbox.append(new IncomingEvent(T0, EventSource.PULL, "NewFileUpload", "V3", "upload:1",
                body, Map.of("user-agent", "VOD", "x-forwarded-for", "10.0.0.1")));

        assertThat(result.duplicate()).isFalse();
        StoredEvent stored = inbox.find(result.id()).orElseThrow();
        assertThat(stored.body()).isEqualTo(body);
        assertThat(stored.headers()).containsEntry("user-agent", "VOD").containsEntry("x-forwarded-for", "10.0.0.1");
        assertThat(stored.source()).isEqualTo(EventSource.PULL);
        assertThat(stored.eventType()).isEqualTo("NewFileUpload");
        assertThat(stored.format()).isEqualTo("V3");
        assertThat(stored.dedupeKey()).isEqualTo("upload:1");
        assertThat(stored.status()).isEqualTo(EventStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.receivedAt()).isEqualTo(T0);
        assertThat(stored.nextAttemptAt()).isEqualTo(T0);
        assertThat(stored.leaseOwner()).isEmpty();
        assertThat(stored.lastError()).isEmpty();
        assertThat(stored.processedAt()).isEmpty();
    }

    @Test
    void aDuplicateDedupeKeyWritesNothingAndReturnsTheFirstId() {
        AppendResult first = inbox.append(event("k1"));
        AppendResult second = inbox.append(event("k1", "NewFileUpload", T0.plusSeconds(5)));

        assertThat(second).isEqualTo(new AppendResult(first.id(), true));
        assertThat(inbox.list(EventFilter.all(), 10)).hasSize(1);
        assertThat(inbox.find(first.id()).orElseThrow().receivedAt()).isEqualTo(T0);
    }

    @Test
    void appendAllCommitsABatchAndDetectsDuplicatesInsideIt() {
        inbox.append(event("old"));
        List<AppendResult> results = inbox.appendAll(List.of(event("a"), event("old"), event("b"), event("a")));

        assertThat(results).extracting(AppendResult::duplicate).containsExactly(false, true, false, true);
        assertThat(results.get(3).id()).isEqualTo(results.get(0).id());
        assertThat(inbox.countByStatus()).containsEntry(EventStatus.PENDING, 3L);
        assertThat(inbox.appendAll(List.of())).isEmpty();
    }

    @Test
    void claimTakesDueEventsOldestFirstUpToTheLimitWithALease() {
        long a = inbox.append(event("a", "NewFileUpload", T0)).id();
        long b = inbox.append(event("b", "NewFileUpload", T0.plusSeconds(1))).id();
        inbox.append(event("c", "NewFileUpload", T0.plusSeconds(2)));
        inbox.append(event("future", "NewFileUpload", T0.plusSeconds(60)));

        List<ClaimedEvent> claimed = inbox.claimDue("w1", T0.plusSeconds(10), LEASE, 2);

        assertThat(claimed).extracting(ClaimedEvent::id).containsExactly(a, b);
        ClaimedEvent first = claimed.getFirst();
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.lease()).isEqualTo(new Lease(a, "w1", 1, T0.plusSeconds(10).plus(LEASE)));
        StoredEvent stored = inbox.find(a).orElseThrow();
        assertThat(stored.status()).isEqualTo(EventStatus.PROCESSING);
        assertThat(stored.leaseOwner()).contains("w1");
        assertThat(stored.leaseUntil()).contains(T0.plusSeconds(40));
        assertThat(stored.attempts()).isEqualTo(1);

        assertThat(inbox.claimDue("w2", T0.plusSeconds(10), LEASE, 10)).hasSize(1);
        assertThat(inbox.claimDue("w2", T0.plusSeconds(10), LEASE, 10)).isEmpty();
    }

    @Test
    void anExpiredLeaseIsClaimedAgainAndTheOldHolderCanNoLongerFinish() {
        long id = inbox.append(event("a")).id();
        Lease old = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();

        assertThat(inbox.claimDue("w2", T0.plus(LEASE).minusMillis(1), LEASE, 1)).isEmpty();
        ClaimedEvent again = inbox.claimDue("w2", T0.plus(LEASE), LEASE, 1).getFirst();

        assertThat(again.attempt()).isEqualTo(2);
        assertThat(inbox.markDone(old, T0.plusSeconds(31))).isFalse();
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(EventStatus.PROCESSING);
        assertThat(inbox.markDone(again.lease(), T0.plusSeconds(32))).isTrue();
    }

    @Test
    void theSameOwnerWithAStaleAttemptCannotFinish() {
        inbox.append(event("a"));
        Lease first = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();
        Lease second = inbox.claimDue("w1", T0.plus(LEASE), LEASE, 1).getFirst().lease();

        assertThat(inbox.markFailed(first, "late", T0.plusSeconds(100))).isFalse();
        assertThat(inbox.markDone(second, T0.plusSeconds(31))).isTrue();
    }

    @Test
    void markAllDoneFinishesTheEventsStillHeldInOneGo() {
        for (int i = 1; i <= 3; i++) {
            inbox.append(event("NewFileUpload:" + i));
        }
        List<ClaimedEvent> claimed = inbox.claimDue("w1", T0, LEASE, 3);
        Lease lost = claimed.get(1).lease();
        assertThat(inbox.markFailed(lost, "failed meanwhile", T0)).isTrue();
        assertThat(inbox.claimDue("w2", T0, LEASE, 3)).extracting(ClaimedEvent::id).containsExactly(lost.eventId());

        Set<Long> marked = inbox.markAllDone(claimed.stream().map(ClaimedEvent::lease).toList(), T0.plusSeconds(1));

        assertThat(marked).containsExactlyInAnyOrder(claimed.get(0).id(), claimed.get(2).id());
        assertThat(inbox.find(claimed.get(0).id()).orElseThrow()).satisfies(e -> {
            assertThat(e.status()).isEqualTo(EventStatus.DONE);
            assertThat(e.leaseOwner()).isEmpty();
            assertThat(e.processedAt()).contains(T0.plusSeconds(1));
        });
        assertThat(inbox.find(lost.eventId()).orElseThrow().leaseOwner()).as("w2 holds it now").contains("w2");
        assertThat(inbox.markAllDone(List.of(), T0)).isEmpty();
    }

    @Test
    void anExtendedLeaseIsNotClaimedWhenItsFirstTermIsOverAndItsHolderStillFinishes() {
        long id = inbox.append(event("a")).id();
        Lease lease = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();

        assertThat(inbox.extendLeases(List.of(lease), T0.plusSeconds(20).plus(LEASE))).containsExactly(id);

        assertThat(inbox.claimDue("w2", T0.plus(LEASE), LEASE, 1)).as("the first term is over, the extension is not")
                .isEmpty();
        assertThat(inbox.find(id).orElseThrow().leaseUntil()).contains(T0.plusSeconds(50));
        assertThat(inbox.markDone(lease, T0.plusSeconds(45))).as("the same lease, extended").isTrue();
    }

    @Test
    void aLeaseNoLongerExtendedIsClaimedAgainAndItsStaleHolderCanNeitherExtendNorFinish() {
        long id = inbox.append(event("a")).id();
        Lease dead = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();
        inbox.extendLeases(List.of(dead), T0.plusSeconds(10).plus(LEASE));

        ClaimedEvent taken = inbox.claimDue("w2", T0.plusSeconds(10).plus(LEASE), LEASE, 1).getFirst();

        assertThat(taken.attempt()).isEqualTo(2);
        assertThat(inbox.extendLeases(List.of(dead), T0.plusSeconds(100))).as("the attempt fence").isEmpty();
        assertThat(inbox.markDone(dead, T0.plusSeconds(41))).isFalse();
        assertThat(inbox.markFailed(dead, "late", T0.plusSeconds(41))).isFalse();
        assertThat(inbox.find(id).orElseThrow().leaseOwner()).contains("w2");
        assertThat(inbox.markDone(taken.lease(), T0.plusSeconds(42))).isTrue();
    }

    @Test
    void extendingLeasesReturnsOnlyThoseStillHeld() {
        for (int i = 1; i <= 3; i++) {
            inbox.append(event("NewFileUpload:" + i));
        }
        List<Lease> leases = inbox.claimDue("w1", T0, LEASE, 3).stream().map(ClaimedEvent::lease).toList();
        inbox.markDone(leases.get(0), T0);
        inbox.markFailed(leases.get(1), "failed", T0.plusSeconds(5));

        assertThat(inbox.extendLeases(leases, T0.plusSeconds(60))).containsExactly(leases.get(2).eventId());
        assertThat(inbox.find(leases.get(1).eventId()).orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        assertThat(inbox.find(leases.get(0).eventId()).orElseThrow().status()).isEqualTo(EventStatus.DONE);
        assertThat(inbox.extendLeases(List.of(), T0)).isEmpty();
    }

    @Test
    void markDoneFinishesTheEvent() {
        long id = inbox.append(event("a")).id();
        Lease lease = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();

        assertThat(inbox.markDone(new Lease(id, "someone-else", 1, lease.until()), T0)).isFalse();
        assertThat(inbox.markDone(lease, T0.plusSeconds(1))).isTrue();
        assertThat(inbox.markDone(lease, T0.plusSeconds(2))).isFalse();

        StoredEvent stored = inbox.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(EventStatus.DONE);
        assertThat(stored.processedAt()).contains(T0.plusSeconds(1));
        assertThat(stored.leaseOwner()).isEmpty();
        assertThat(stored.leaseUntil()).isEmpty();
        assertThat(inbox.claimDue("w1", T0.plusSeconds(3600), LEASE, 10)).isEmpty();
    }

    @Test
    void markFailedKeepsTheErrorAndRetriesAtTheGivenTime() {
        long id = inbox.append(event("a")).id();
        Lease lease = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();

        assertThat(inbox.markFailed(lease, "InternalError: try later", T0.plusSeconds(4))).isTrue();

        StoredEvent stored = inbox.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(EventStatus.PENDING);
        assertThat(stored.attempts()).isEqualTo(1);
        assertThat(stored.nextAttemptAt()).isEqualTo(T0.plusSeconds(4));
        assertThat(stored.lastError()).contains("InternalError: try later");
        assertThat(stored.leaseOwner()).isEmpty();
        assertThat(inbox.nextDueAt()).contains(T0.plusSeconds(4));
        assertThat(inbox.claimDue("w1", T0.plusSeconds(3), LEASE, 1)).isEmpty();
        assertThat(inbox.claimDue("w1", T0.plusSeconds(4), LEASE, 1).getFirst().attempt()).isEqualTo(2);
    }

    @Test
    void longErrorsAreCut() {
        long id = inbox.append(event("a")).id();
        Lease lease = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();

        inbox.markFailed(lease, "x".repeat(10_000), T0);

        assertThat(inbox.find(id).orElseThrow().lastError().orElseThrow()).hasSize(Inbox.MAX_ERROR_LENGTH);
    }

    @Test
    void deadEventsStayDeadUntilReplayed() {
        long id = inbox.append(event("a")).id();
        Lease lease = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();
        assertThat(inbox.markDead(lease, "gave up after 1 attempt", T0.plusSeconds(1))).isTrue();

        StoredEvent dead = inbox.find(id).orElseThrow();
        assertThat(dead.status()).isEqualTo(EventStatus.DEAD);
        assertThat(dead.lastError()).contains("gave up after 1 attempt");
        assertThat(dead.processedAt()).contains(T0.plusSeconds(1));
        assertThat(inbox.claimDue("w1", T0.plusSeconds(3600), LEASE, 10)).isEmpty();

        assertThat(inbox.replay(id, T0.plusSeconds(7200))).isEqualTo(ReplayResult.REPLAYED);

        StoredEvent replayed = inbox.find(id).orElseThrow();
        assertThat(replayed.status()).isEqualTo(EventStatus.PENDING);
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.nextAttemptAt()).isEqualTo(T0.plusSeconds(7200));
        assertThat(replayed.processedAt()).isEmpty();
        assertThat(inbox.claimDue("w1", T0.plusSeconds(7200), LEASE, 10)).hasSize(1);
    }

    @Test
    void replayReportsUnknownAndLeasedEvents() {
        long id = inbox.append(event("a")).id();
        inbox.claimDue("w1", T0, LEASE, 1);

        assertThat(inbox.replay(id, T0)).isEqualTo(ReplayResult.IN_PROGRESS);
        assertThat(inbox.replay(id + 1000, T0)).isEqualTo(ReplayResult.NOT_FOUND);
    }

    @Test
    void doneEventsCanBeReplayed() {
        long id = inbox.append(event("a")).id();
        inbox.markDone(inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease(), T0);

        assertThat(inbox.replay(id, T0.plusSeconds(1))).isEqualTo(ReplayResult.REPLAYED);
        assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(EventStatus.PENDING);
    }

    @Test
    void replayDeadSelectsByTypeAndTime() {
        for (String key : List.of("u1", "u2", "p1")) {
            inbox.append(event(key, key.startsWith("u") ? "NewFileUpload" : "ProcedureStateChanged",
                    key.equals("u2") ? T0.plusSeconds(100) : T0));
        }
        for (ClaimedEvent c : inbox.claimDue("w1", T0.plusSeconds(100), LEASE, 10)) {
            inbox.markDead(c.lease(), "boom", T0.plusSeconds(100));
        }

        int replayed = inbox.replayDead(EventFilter.all().withEventType("NewFileUpload")
                .withReceivedBetween(T0, T0.plusSeconds(50)), T0.plusSeconds(200));

        assertThat(replayed).isEqualTo(1);
        assertThat(inbox.list(EventFilter.all().withStatus(EventStatus.PENDING), 10))
                .extracting(EventSummary::dedupeKey).containsExactly("u1");
        assertThat(inbox.replayDead(EventFilter.all(), T0.plusSeconds(200))).isEqualTo(2);
        assertThat(inbox.countByStatus()).containsEntry(EventStatus.DEAD, 0L).containsEntry(EventStatus.PENDING, 3L);
    }

    @Test
    void appendEachRollsBackOnlyTheRowTheDatabaseRefuses() {
        inbox.append(event("dup"));
        refuseInsertsOf("poison");

        List<AppendOutcome> outcomes = inbox.appendEach(List.of(event("a"), event("poison"), event("dup"), event("b")));

        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0).result()).hasValueSatisfying(r -> assertThat(r.duplicate()).isFalse());
        assertThat(outcomes.get(1).failure()).hasValueSatisfying(f -> assertThat(f).contains("refused"));
        assertThat(outcomes.get(2).result()).hasValueSatisfying(r -> assertThat(r.duplicate()).isTrue());
        assertThat(outcomes.get(3).result()).isPresent();
        assertThat(inbox.list(EventFilter.all(), 10)).extracting(EventSummary::dedupeKey)
                .containsExactlyInAnyOrder("dup", "a", "b");
    }

    @Test
    void appendAllOfMoreRowsThanOneInsertTakesKeepsOrderAndStoresEachVerbatim() {
        inbox.append(event("k7"));
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 0; i < Inbox.ROWS_PER_INSERT * 2 + 3; i++) {
            events.add(event("k" + (i % 300), "NewFileUpload", T0.plusMillis(i)));
        }

        List<AppendResult> results = inbox.appendAll(events);

        assertThat(results).hasSize(events.size());
        assertThat(results.stream().filter(r -> !r.duplicate()).count()).isEqualTo(299);
        assertThat(results.get(7)).isEqualTo(new AppendResult(inbox.list(EventFilter.all(), 1000).stream()
                .filter(e -> e.dedupeKey().equals("k7")).findFirst().orElseThrow().id(), true));
        for (int i = 0; i < 300; i++) {
            StoredEvent stored = inbox.find(results.get(i).id()).orElseThrow();
            assertThat(stored.dedupeKey()).isEqualTo("k" + i);
            if (i != 7) {
                assertThat(results.get(i).duplicate()).isFalse();
                assertThat(stored.receivedAt()).isEqualTo(T0.plusMillis(i));
                assertThat(stored.body()).isEqualTo(events.get(i).body());
                assertThat(stored.headers()).isEqualTo(events.get(i).headers());
            }
        }
        assertThat(results.get(300)).isEqualTo(new AppendResult(results.get(0).id(), true));
    }

    @Test
    void appendAllFailsWholeWhenOneRowIsRefused() {
        refuseInsertsOf("poison");

        assertThatThrownBy(() -> inbox.appendAll(List.of(event("a"), event("poison"))))
                .isInstanceOf(StoreException.class);

        assertThat(inbox.list(EventFilter.all(), 10)).isEmpty();
    }

    @Test
    void replayAllTakesTheNamedStatusOnly() {
        for (String key : List.of("d1", "d2", "x1")) {
            inbox.append(event(key, "NewFileUpload", T0));
        }
        for (ClaimedEvent c : inbox.claimDue("w1", T0, LEASE, 10)) {
            if (c.event().dedupeKey().startsWith("d")) {
                inbox.markDone(c.lease(), T0);
            } else {
                inbox.markDead(c.lease(), "boom", T0);
            }
        }

        assertThat(inbox.replayAll(EventFilter.all().withStatus(EventStatus.DONE)
                .withReceivedFrom(T0).withReceivedBefore(T0.plusSeconds(1)), T0.plusSeconds(5))).isEqualTo(2);
        assertThat(inbox.countByStatus()).containsEntry(EventStatus.PENDING, 2L).containsEntry(EventStatus.DEAD, 1L);
        assertThatThrownBy(() -> inbox.replayAll(EventFilter.all(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbox.replayAll(EventFilter.all().withStatus(EventStatus.PROCESSING), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pruneDoneDeletesOnlyOldDoneEventsInChunks() {
        for (int i = 0; i < 5; i++) {
            inbox.append(event("old" + i, "NewFileUpload", T0));
        }
        inbox.append(event("new", "NewFileUpload", T0.plusSeconds(100)));
        inbox.append(event("oldDead", "NewFileUpload", T0));
        inbox.append(event("oldPending", "NewFileUpload", T0.plusSeconds(1000)));
        for (ClaimedEvent c : inbox.claimDue("w1", T0.plusSeconds(100), LEASE, 7)) {
            if (c.event().dedupeKey().equals("oldDead")) {
                inbox.markDead(c.lease(), "boom", T0);
            } else {
                inbox.markDone(c.lease(), T0);
            }
        }

        assertThat(inbox.pruneDone(T0.plusSeconds(50), 3)).isEqualTo(3);
        assertThat(inbox.pruneDone(T0.plusSeconds(50), 3)).isEqualTo(2);
        assertThat(inbox.pruneDone(T0.plusSeconds(50), 3)).isZero();

        assertThat(inbox.list(EventFilter.all(), 10)).extracting(EventSummary::dedupeKey)
                .containsExactlyInAnyOrder("new", "oldDead", "oldPending");
        assertThat(inbox.append(event("old0")).duplicate()).as("a pruned key is forgotten").isFalse();
    }

    @Test
    void purgeDeletesDeadOrDoneEventsTheFilterMatches() {
        inbox.append(event("a", "NewFileUpload", T0));
        inbox.append(event("b", "ProcedureStateChanged", T0));
        inbox.append(event("c", "NewFileUpload", T0));
        for (ClaimedEvent c : inbox.claimDue("w1", T0, LEASE, 2)) {
            inbox.markDead(c.lease(), "boom", T0);
        }

        assertThat(inbox.purge(EventFilter.all().withStatus(EventStatus.DEAD).withEventType("NewFileUpload"))).isEqualTo(1);

        assertThat(inbox.list(EventFilter.all(), 10)).extracting(EventSummary::dedupeKey).containsExactlyInAnyOrder("b", "c");
        assertThatThrownBy(() -> inbox.purge(EventFilter.all().withStatus(EventStatus.PENDING)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inbox.purge(EventFilter.all())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void releaseHandsBackAnUnstartedEventWithoutCountingTheAttempt() {
        long id = inbox.append(event("a")).id();
        Lease lease = inbox.claimDue("w1", T0, LEASE, 1).getFirst().lease();

        assertThat(inbox.release(lease, T0.plusSeconds(1))).isTrue();

        StoredEvent stored = inbox.find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(EventStatus.PENDING);
        assertThat(stored.attempts()).isZero();
        assertThat(stored.nextAttemptAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void listFiltersAndPagesNewestFirst() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(inbox.append(event("k" + i, i % 2 == 0 ? "NewFileUpload" : "FileDeleted", T0.plusSeconds(i))).id());
        }
        inbox.markDone(inbox.claimDue("w", T0.plusSeconds(10), LEASE, 1).getFirst().lease(), T0);

        assertThat(inbox.list(EventFilter.all(), 10)).extracting(EventSummary::id)
                .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        assertThat(inbox.list(EventFilter.all(), 2)).extracting(EventSummary::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(inbox.list(EventFilter.all().withBeforeId(ids.get(3)), 2)).extracting(EventSummary::id)
                .containsExactly(ids.get(2), ids.get(1));
        assertThat(inbox.list(EventFilter.all().withEventType("FileDeleted"), 10)).extracting(EventSummary::id)
                .containsExactly(ids.get(3), ids.get(1));
        assertThat(inbox.list(EventFilter.all().withStatus(EventStatus.DONE), 10)).extracting(EventSummary::id)
                .containsExactly(ids.get(0));
        assertThat(inbox.countByStatus()).isEqualTo(Map.of(EventStatus.PENDING, 4L, EventStatus.PROCESSING, 0L,
                EventStatus.DONE, 1L, EventStatus.DEAD, 0L));
    }

    @Test
    void findAndNextDueOnAnEmptyInbox() {
        assertThat(inbox.find(42)).isEmpty();
        assertThat(inbox.nextDueAt()).isEmpty();
        assertThat(inbox.claimDue("w", T0, LEASE, 5)).isEmpty();
    }

    @Test
    void hostileTextIsStoredNotRefused() {
        String nul = "bad\u0000type";
        AppendResult result = inbox.append(new IncomingEvent(T0, EventSource.PUSH, nul, "V3", "key\u0000x",
                "{\"EventType\":\"bad\u0000\"}", Map.of("h", "v\u0000")));

        StoredEvent stored = inbox.find(result.id()).orElseThrow();
        assertThat(stored.eventType()).isEqualTo("bad\uFFFDtype");
        assertThat(inbox.append(new IncomingEvent(T0, EventSource.PUSH, nul, "V3", "key\u0000x", "{}", Map.of()))
                .duplicate()).isTrue();
    }

    @Test
    void concurrentClaimersNeverShareAnEvent() throws Exception {
        int events = 60;
        for (int i = 0; i < events; i++) {
            inbox.append(event("e" + i));
        }
        Map<Long, String> owners = new ConcurrentHashMap<>();
        List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                String owner = "w" + w;
                workers.add(pool.submit(() -> {
                    List<ClaimedEvent> batch;
                    while (!(batch = inbox.claimDue(owner, T0, LEASE, 4)).isEmpty()) {
                        for (ClaimedEvent c : batch) {
                            if (owners.putIfAbsent(c.id(), owner) != null) {
                                duplicates.add(c.id());
                            }
                            inbox.markDone(c.lease(), T0);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        assertThat(duplicates).isEmpty();
        assertThat(owners).hasSize(events);
        assertThat(inbox.countByStatus()).containsEntry(EventStatus.DONE, (long) events);
    }

    @Test
    void pingAnswersWhileOpenAndFailsOnceClosed() {
        database.ping();

        database.close();

        assertThatThrownBy(database::ping).isInstanceOf(StoreException.class);
        assertThat(database.displayUrl()).as("no password in what logs show").doesNotContain("password=");
    }
}
