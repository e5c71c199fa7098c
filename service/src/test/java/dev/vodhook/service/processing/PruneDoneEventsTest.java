package dev.vodhook.service.processing;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dedupe keys are kept for the retention, then DONE events go; DEAD ones stay. */
class PruneDoneEventsTest {
    static final Instant T0 = Instant.parse(TestReceivers.START);

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    @Test
    void doneEventsOlderThanTheRetentionArePrunedAndTheirKeysForgotten() {
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"))) {
            Inbox inbox = db.inbox();
            for (int i = 0; i < PruneDoneEvents.CHUNK + 5; i++) {
                append(inbox, upload("old" + i), T0);
            }
            append(inbox, upload("dead"), T0);
            append(inbox, upload("recent"), T0.plus(Duration.ofDays(5)));
            for (ClaimedEvent c : inbox.claimDue("w", T0.plus(Duration.ofDays(5)), Duration.ofMinutes(1), 2000)) {
                if (c.event().dedupeKey().endsWith(":dead")) {
                    inbox.markDead(c.lease(), "boom", T0);
                } else {
                    inbox.markDone(c.lease(), T0);
                }
            }
            PruneDoneEvents prune = new PruneDoneEvents(inbox, db.outbox(), Duration.ofDays(7), Duration.ofHours(1), clock,
                    new ServiceMetrics());

            clock.set(T0.plus(Duration.ofDays(6)));
            assertThat(prune.runOnce()).as("within the retention: kept for dedupe").isZero();
            clock.set(T0.plus(Duration.ofDays(8)));
            assertThat(prune.runOnce()).isEqualTo(PruneDoneEvents.CHUNK + 5);

            assertThat(inbox.list(EventFilter.all(), 10)).extracting(EventSummary::dedupeKey)
                    .containsExactlyInAnyOrder("NewFileUpload:dead", "NewFileUpload:recent");
        }
    }

    @Test
    void theRetentionCannotBeShorterThanVodsFourDays() {
        assertThatThrownBy(() -> IntakeSettings.defaults().withDedupeRetention(Duration.ofDays(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 days");
        assertThat(IntakeSettings.defaults().withDedupeRetention(Duration.ofDays(4)).dedupeRetention())
                .isEqualTo(Duration.ofDays(4));
    }
}
