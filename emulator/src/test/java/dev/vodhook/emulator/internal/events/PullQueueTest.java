package dev.vodhook.emulator.internal.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.PullPolicy;
import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.state.StateChanges;
import dev.vodhook.testkit.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The PULL queue on its own, driven by a settable clock. */
class PullQueueTest {

    private static final long APP = 1500012345L;
    private static final long OTHER_APP = 1500099999L;
    private static final EventConfig PULL = new EventConfig(EventConfig.PULL, "", "ON", "ON", Optional.empty());

    private final SettableClock clock = SettableClock.at("2026-05-01T00:00:00Z");
    private final PullQueue queue = new PullQueue(PullPolicy.defaults(), new IdSource(), clock, StateChanges.NONE);

    @Test
    void handsOutAtMostTheBatchOldestFirstAndOnlyTheApplicationsOwn() {
        IntStream.range(0, 17).forEach(i -> queue.accept(event(APP, "e" + i), PULL));
        queue.accept(event(OTHER_APP, "other"), PULL);

        List<PulledEvent> first = queue.pull(APP, 16, Duration.ZERO);
        List<PulledEvent> second = queue.pull(APP, 16, Duration.ZERO);

        assertThat(first).extracting(PulledEvent::event).extracting(PullQueueTest::name)
                .containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(i -> "e" + i).toList());
        assertThat(second).extracting(PulledEvent::event).extracting(PullQueueTest::name).containsExactly("e16");
        assertThat(queue.pull(OTHER_APP, 16, Duration.ZERO)).hasSize(1);
        assertThat(first).extracting(PulledEvent::eventHandle).doesNotHaveDuplicates();
    }

    @Test
    void ignoresEventsOfPushApplications() {
        queue.accept(event(APP, "pushed"), new EventConfig(EventConfig.PUSH, "", "ON", "ON", Optional.empty()));

        assertThat(queue.countToPull(APP)).isZero();
    }

    @Test
    void aPulledEventIsHiddenForExactlyTheVisibilityTimeout() {
        queue.accept(event(APP, "a"), PULL);
        String handle = queue.pull(APP, 16, Duration.ZERO).getFirst().eventHandle();

        clock.tick(Duration.ofSeconds(30).minusMillis(1));
        assertThat(queue.pull(APP, 16, Duration.ZERO)).isEmpty();
        clock.tick(Duration.ofMillis(1));
        List<PulledEvent> again = queue.pull(APP, 16, Duration.ZERO);

        assertThat(again).hasSize(1);
        assertThat(again.getFirst().eventHandle()).isNotEqualTo(handle);
        assertThat(queue.confirm(APP, List.of(handle))).containsExactly(handle);
        assertThat(queue.confirm(APP, List.of(again.getFirst().eventHandle()))).isEmpty();
    }

    @Test
    void aHandleIsStaleOnceItsTimeoutPassedEvenBeforeTheNextPull() {
        queue.accept(event(APP, "a"), PULL);
        String handle = queue.pull(APP, 16, Duration.ZERO).getFirst().eventHandle();

        clock.tick(Duration.ofSeconds(30));

        assertThat(queue.confirm(APP, List.of(handle))).containsExactly(handle);
        assertThat(queue.countToPull(APP)).isEqualTo(1);
    }

    @Test
    void aConfirmationIsAllOrNothingAndRepeatable() {
        queue.accept(event(APP, "a"), PULL);
        queue.accept(event(APP, "b"), PULL);
        List<PulledEvent> pulled = queue.pull(APP, 16, Duration.ZERO);
        String a = pulled.get(0).eventHandle();
        String b = pulled.get(1).eventHandle();

        assertThat(queue.confirm(APP, List.of(a, "unknown"))).containsExactly("unknown");
        assertThat(queue.confirm(OTHER_APP, List.of(a))).as("handles belong to one application").containsExactly(a);
        assertThat(queue.confirm(APP, List.of(a, b))).isEmpty();
        clock.tick(Duration.ofMinutes(5));
        assertThat(queue.confirm(APP, List.of(a))).isEmpty();
        assertThat(queue.all()).isEmpty();
    }

    @Test
    void keepsUnconfirmedEventsForFourDays() {
        queue.accept(event(APP, "old"), PULL);
        queue.pull(APP, 16, Duration.ZERO);
        clock.tick(Duration.ofDays(1));
        queue.accept(event(APP, "newer"), PULL);

        clock.tick(Duration.ofDays(3).minusMillis(1));
        assertThat(queue.all()).extracting(QueuedEvent.View::eventType).containsExactly("old", "newer");
        clock.tick(Duration.ofMillis(1));

        assertThat(queue.all()).extracting(QueuedEvent.View::eventType).containsExactly("newer");
        assertThat(queue.pull(APP, 16, Duration.ZERO)).extracting(PulledEvent::event).extracting(PullQueueTest::name)
                .containsExactly("newer");
    }

    @Test
    void anEmptyPullWaitsForTheHold() {
        long started = System.nanoTime();

        assertThat(queue.pull(APP, 16, Duration.ofMillis(100))).isEmpty();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void aHeldPullIsHandedTheEventThatArrivesWhileItWaits() throws Exception {
        CompletableFuture<List<PulledEvent>> pull = CompletableFuture.supplyAsync(
                () -> queue.pull(APP, 16, Duration.ofMinutes(2)));
        await().atMost(Duration.ofSeconds(60)).until(() -> queue.held() == 1);

        queue.accept(event(APP, "late"), PULL);

        assertThat(pull.get(60, TimeUnit.SECONDS)).extracting(PulledEvent::event).extracting(PullQueueTest::name)
                .containsExactly("late");
        assertThat(queue.held()).isZero();
    }

    @Test
    void aPulledEventIsAFullEventContent() {
        queue.accept(event(APP, "a"), PULL);

        ObjectNode content = EventContents.pulled(queue.pull(APP, 16, Duration.ZERO).getFirst());

        assertThat(content.path("EventHandle").asText()).isNotEmpty();
        assertThat(content.path("EventType").asText()).isEqualTo("a");
        assertThat(content.path("FileUploadEvent").path("Name").asText()).isEqualTo("a");
        assertThat(content.get("ProcedureStateChangeEvent").isNull()).isTrue();
        assertThat(content.size()).isEqualTo(2 + EventContents.PAYLOAD_FIELDS.size());
    }

    /** An event whose type doubles as its name, so order is easy to check. */
    private static EmittedEvent event(long subAppId, String name) {
        ObjectNode content = VodJson.PUSH.createObjectNode().put("EventType", name);
        content.putObject("FileUploadEvent").put("Name", name);
        return new EmittedEvent(subAppId, name, content);
    }

    private static String name(EmittedEvent event) {
        return event.eventType();
    }
}
