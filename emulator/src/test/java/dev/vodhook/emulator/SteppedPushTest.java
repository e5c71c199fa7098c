package dev.vodhook.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push retries driven by a settable clock and {@link LocalVod#runDuePushes()}: no background loop, no waiting. */
class SteppedPushTest {

    private static final SettableClock clock = new SettableClock(Instant.now());
    private static RecordingReceiver receiver;
    private static LocalVod vod;

    @BeforeAll
    static void start() {
        receiver = new RecordingReceiver();
        vod = LocalVod.start(EmulatorConfig.defaults().withClock(clock).withNotificationUrl(receiver.url())
                .withPushLoop(false));
    }

    @AfterAll
    static void stop() {
        vod.close();
        receiver.close();
    }

    @BeforeEach
    void resetEmulator() {
        vod.reset();
        clock.set(Instant.now());
    }

    @Test
    void aFailedPushIsRetriedOnceTheClockReachesTheBackoff() throws Exception {
        receiver.answer(500);
        int before = receiver.received().size();
        DirectUpload.upload(vod, TestClips.landscape());
        Instant published = clock.instant();

        assertThat(only().status()).isEqualTo(Delivery.PENDING);
        assertThat(only().attempts()).isEmpty();
        assertThat(only().nextAttemptAt()).hasValue(published);
        assertThat(receiver.received()).hasSize(before);

        assertThat(vod.runDuePushes()).isEqualTo(1);
        assertThat(only().attempts()).extracting(a -> a.statusCode().orElse(0)).containsExactly(500);
        assertThat(only().nextAttemptAt()).hasValue(published.plusSeconds(1));

        assertThat(vod.runDuePushes()).isZero();
        clock.tick(Duration.ofMillis(999));
        assertThat(vod.runDuePushes()).isZero();
        clock.tick(Duration.ofMillis(1));
        assertThat(vod.runDuePushes()).isEqualTo(1);

        assertThat(only().status()).isEqualTo(Delivery.DELIVERED);
        assertThat(only().attempts()).extracting(a -> a.statusCode().orElse(0)).containsExactly(500, 200);
        assertThat(only().nextAttemptAt()).isEmpty();
        assertThat(receiver.received()).hasSize(before + 2);
    }

    @Test
    void theBackoffDoublesAndTheFifthFailureIsFinal() throws Exception {
        receiver.answer(500, 502, 503, 504, 500);
        DirectUpload.upload(vod, TestClips.landscape());
        Instant published = clock.instant();

        vod.runDuePushes();
        for (int wait : new int[] {1, 2, 4, 8}) {
            clock.tick(Duration.ofSeconds(wait - 1));
            assertThat(vod.runDuePushes()).as("not due a second early (wait %d s)", wait).isZero();
            clock.tick(Duration.ofSeconds(1));
            assertThat(vod.runDuePushes()).isEqualTo(1);
        }

        assertThat(only().status()).isEqualTo(Delivery.FAILED);
        assertThat(only().attempts()).extracting(DeliveryAttempt::at).containsExactly(published,
                published.plusSeconds(1), published.plusSeconds(3), published.plusSeconds(7),
                        published.plusSeconds(15));
        assertThat(only().nextAttemptAt()).isEmpty();
        clock.tick(Duration.ofHours(1));
        assertThat(vod.runDuePushes()).isZero();
    }

    @Test
    void resetDropsScheduledRetries() throws Exception {
        receiver.answer(500);
        DirectUpload.upload(vod, TestClips.landscape());
        vod.runDuePushes();

        vod.reset();
        clock.tick(Duration.ofSeconds(1));

        assertThat(vod.runDuePushes()).isZero();
        assertThat(vod.deliveries().all()).isEmpty();
    }

    private static Delivery only() {
        assertThat(vod.deliveries().all()).hasSize(1);
        return vod.deliveries().all().getFirst();
    }
}
