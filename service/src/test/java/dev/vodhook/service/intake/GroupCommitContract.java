package dev.vodhook.service.intake;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vodhook.events.EventParser;
import dev.vodhook.service.Http;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestDatabases;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.http.Overloaded;
import dev.vodhook.store.inbox.AppendResult;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.StoreException;
import dev.vodhook.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit on each database: batching, answers only after commit, a bad row failing alone, backpressure. */
abstract class GroupCommitContract {
    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final List<AutoCloseable> open = new ArrayList<>();

    /** A new, empty database's JDBC URL. */
    abstract String databaseUrl();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    Database database(String url) {
        Database db = Database.open(url);
        open.add(db);
        return db;
    }

    GroupCommit groupCommit(Database db, IntakeSettings settings, Runnable onStored) {
        return new GroupCommit(db.inbox(), settings, new ServiceMetrics(), onStored);
    }

    static IncomingEvent event(String fileId) {
        String body = upload(fileId);
        return IncomingEvents.of(EventParser.parse(body.getBytes(StandardCharsets.UTF_8)), body, EventSource.PUSH,
                java.time.Instant.parse(TestReceivers.START), Map.of());
    }

    @Test
    void eventsQueuedTogetherAreCommittedInOneBatchAndEachCallerGetsItsOwnResult() throws Exception {
        Database db = database(databaseUrl());
        AtomicInteger wakeUps = new AtomicInteger();
        GroupCommit commit = groupCommit(db, IntakeSettings.defaults(), wakeUps::incrementAndGet);
        db.inbox().append(event("dup"));
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<AppendResult>> results = new ArrayList<>();
            for (String id : List.of("1", "2", "3", "dup", "4", "5", "6", "7")) {
                results.add(callers.submit(() -> commit.append(event(id))));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> commit.queued() == 8);
            assertThat(results).noneMatch(Future::isDone);

            assertThat(commit.runOnce()).isEqualTo(8);

            List<AppendResult> answered = results.stream().map(GroupCommitContract::answer).toList();
            assertThat(answered.stream().filter(AppendResult::duplicate).count()).isEqualTo(1);
            assertThat(answered.stream().map(AppendResult::id).distinct()).hasSize(8);
        }
        assertThat(db.inbox().list(EventFilter.all(), 100)).hasSize(8);
        assertThat(wakeUps).hasValue(1);
        assertThat(commit.runOnce()).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesFailsAloneAndItsNeighboursAreStored() throws Exception {
        String url = databaseUrl();
        Database db = database(url);
        TestDatabases.refuseInsertsOf(url, "NewFileUpload:poison");
        GroupCommit commit = groupCommit(db, IntakeSettings.defaults(), () -> {});
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<AppendResult> before = callers.submit(() -> commit.append(event("a")));
            Future<AppendResult> poison = callers.submit(() -> commit.append(event("poison")));
            Future<AppendResult> after = callers.submit(() -> commit.append(event("b")));
            await().atMost(Duration.ofSeconds(60)).until(() -> commit.queued() == 3);

            commit.runOnce();

            assertThat(before.get().duplicate()).isFalse();
            assertThat(after.get().duplicate()).isFalse();
            assertThatThrownBy(poison::get).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOf(StoreException.class).hasMessageContaining("refused");
        }
        assertThat(db.inbox().list(EventFilter.all(), 10)).extracting(e -> e.dedupeKey())
                .containsExactlyInAnyOrder("NewFileUpload:a", "NewFileUpload:b");
    }

    @Test
    void aFullQueueRefusesAtOnceWithRetryAfter() {
        Database db = database(databaseUrl());
        GroupCommit commit = groupCommit(db, IntakeSettings.defaults().withGroupCommit(16, 2, Duration.ofSeconds(5)),
                () -> {});
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            callers.submit(() -> commit.append(event("1")));
            callers.submit(() -> commit.append(event("2")));
            await().atMost(Duration.ofSeconds(60)).until(() -> commit.queued() == 2);

            assertThatThrownBy(() -> commit.append(event("3"))).isInstanceOfSatisfying(Overloaded.class, e -> {
                assertThat(e.getMessage()).as("refused for the full queue, not after waiting for a commit")
                        .contains("busy (2 events waiting for a commit)");
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfterSeconds()).isPositive();
            });

            commit.runOnce();
        }
        assertThat(db.inbox().list(EventFilter.all(), 10)).hasSize(2);
    }

    @Test
    void closingCommitsWhatIsQueuedThenRefuses() throws Exception {
        Database db = database(databaseUrl());
        GroupCommit commit = groupCommit(db, IntakeSettings.defaults(), () -> {});
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<AppendResult> queued = callers.submit(() -> commit.append(event("1")));
            await().atMost(Duration.ofSeconds(60)).until(() -> commit.queued() == 1);

            commit.close();

            assertThat(queued.get().duplicate()).isFalse();
            assertThatThrownBy(() -> commit.append(event("2"))).isInstanceOf(Overloaded.class);
        }
    }

    @Test
    void concurrentCallbacksAreAnsweredOnlyOnceCommittedAndShareCommits() throws Exception {
        ServiceConfig config = TestReceivers.config(java.nio.file.Path.of("unused"), clock).withDatabaseUrl(databaseUrl());
        VodhookServer server = VodhookServer.start(config, new RecordingMediaProcessing());
        open.add(server);
        Http http = new Http(server.baseUrl());
        int clients = 32;
        int each = 8;
        List<String> notVisible = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                done.add(callers.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        Http.Response response = http.post("/callback", upload(client + "-" + i));
                        assertThat(response.status()).isEqualTo(200);
                        long id = response.json().path("id").asLong();
                        if (server.database().inbox().find(id).isEmpty()) {
                            notVisible.add(client + "-" + i);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertThat(notVisible).as("events answered 200 before their commit was visible").isEmpty();
        assertThat(server.database().inbox().countByStatus().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(clients * each);
        String scrape = new Http(server.adminUrl()).get("/metrics").body();
        double commits = metric(scrape, "vodhook_intake_commit_batch_count");
        double events = metric(scrape, "vodhook_intake_commit_batch_sum");
        assertThat(events).isEqualTo(clients * each);
        assertThat(commits).as("group commits for %s events", events).isLessThan(events);
    }

    /** The caller's answer, once its thread has it (the commit is done; the thread may still be waking up). */
    static AppendResult answer(Future<AppendResult> caller) {
        try {
            return caller.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e, e);
        }
    }

    static double metric(String scrape, String name) {
        return scrape.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
