package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An intake-only instance stores events and leaves them for instances that process. */
class IntakeOnlyTest {
    @TempDir
    Path dir;

    @Test
    void anIntakeOnlyReceiverStoresButDoesNotProcess() {
        SettableClock clock = SettableClock.at(TestReceivers.START);
        RecordingMediaProcessing vod = new RecordingMediaProcessing();
        try (VodhookServer server = VodhookServer.start(TestReceivers.config(dir, clock)
                .withIntake(IntakeSettings.defaults().withIntakeOnly(true)), vod)) {
            assertThat(new Http(server.baseUrl()).post("/callback", upload("1")).status()).isEqualTo(200);

            assertThat(server.database().inbox().countByStatus()).containsEntry(EventStatus.PENDING, 1L);
            assertThat(server.processor().runOnce()).as("another instance's processor would take it").isEqualTo(1);
            assertThat(vod.calls()).hasSize(1);
        }
    }
}
