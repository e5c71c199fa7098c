package dev.vodhook.emulator.internal.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.emulator.internal.media.AdaptiveDynamicStreamingItem;
import dev.vodhook.emulator.internal.media.MediaAnimatedGraphicsItem;
import dev.vodhook.emulator.internal.media.MediaImageSpriteItem;
import dev.vodhook.emulator.internal.media.MediaSampleSnapshotItem;
import dev.vodhook.emulator.internal.media.MediaSnapshotByTimeOffsetItem;
import dev.vodhook.emulator.internal.media.MediaTranscodeItem;
import dev.vodhook.emulator.internal.tasks.ProcedureTask;
import dev.vodhook.emulator.internal.tasks.ProcedureTaskView;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    /**
     * {@code state-flat-package.json} was written by the local VOD before it was split into packages (one task flow
     * with every kind of sub-task); its sub-task outputs name their classes in {@code dev.vodhook.emulator}.
     */
    @Test
    void readsTheOutputsOfAStateWrittenWhenTheLocalVodWasOnePackage(@TempDir Path data) throws Exception {
        try (InputStream saved = getClass().getResourceAsStream("state-flat-package.json")) {
            Files.copy(saved, data.resolve(StateFile.NAME));
        }

        SavedState state = new StateFile(data).read().orElseThrow();

        ProcedureTask task = (ProcedureTask) state.tasks().getFirst();
        assertThat(task.subTasks()).extracting(s -> (Object) s.output().orElseThrow().getClass())
                .containsExactlyInAnyOrder(MediaTranscodeItem.class, MediaAnimatedGraphicsItem.class,
                        MediaSampleSnapshotItem.class, MediaImageSpriteItem.class, MediaSnapshotByTimeOffsetItem.class,
                        AdaptiveDynamicStreamingItem.class, ProcedureTaskView.CoverOutput.class);
    }
}
