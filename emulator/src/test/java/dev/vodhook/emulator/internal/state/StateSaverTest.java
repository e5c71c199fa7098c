package dev.vodhook.emulator.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.emulator.internal.events.PullQueue;
import dev.vodhook.emulator.internal.events.PushDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saver's step: a snapshot is written only after a change, and a failed write is tried again. */
class StateSaverTest {

    private final AtomicInteger snapshots = new AtomicInteger();

    @Test
    void writesOnlyAfterAChange(@TempDir Path dir) {
        StateFile file = new StateFile(dir);
        StateSaver saver = new StateSaver(file);
        saver.changed();
        assertThat(saver.saveIfChanged()).as("not started: the state is not complete yet").isFalse();

        saver.start(this::empty);
        saver.close();
        assertThat(snapshots).hasValue(1);
        assertThat(file.read()).hasValueSatisfying(s -> assertThat(s.format()).isEqualTo(StateFile.FORMAT));

        assertThat(saver.saveIfChanged()).isFalse();
        saver.changed();
        saver.changed();
        assertThat(saver.saveIfChanged()).isTrue();
        assertThat(snapshots).hasValue(2);
    }

    @Test
    void aFailedWriteIsTriedAgainLater(@TempDir Path dir) throws Exception {
        Path gone = dir.resolve("gone");
        StateSaver saver = new StateSaver(new StateFile(gone));
        saver.start(this::empty);
        saver.changed();
        saver.close();

        assertThat(saver.saveIfChanged()).as("still failing").isFalse();
        Files.createDirectories(gone);
        assertThat(saver.saveIfChanged()).as("the change was not forgotten").isTrue();
        assertThat(gone.resolve(StateFile.NAME)).exists();
        try (var files = Files.list(gone)) {
            assertThat(files).as("no temporary files left").hasSize(1);
        }
    }

    private SavedState empty() {
        snapshots.incrementAndGet();
        return new SavedState(StateFile.FORMAT, Instant.EPOCH, List.of(), List.of(), List.of(), Map.of(), Map.of(),
                Map.of(), new PullQueue.Snapshot(List.of(), Map.of(), 0),
                new PushDelivery.Snapshot(0, List.of(), Optional.empty()));
    }
}
