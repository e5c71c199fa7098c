package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.events.EmittedEvent;
import java.time.Instant;

/**
 * A task that is one piece of work with one outcome (PullUpload, EditMedia, ComposeMedia), run by
 * {@link SingleTaskRunner}.
 */
public interface SingleTask<T extends SingleTask<T>> extends VodTask {

    TaskState state();

    T withState(TaskState state);

    /** The event that reports the finished task. */
    EmittedEvent completeEvent();

    @Override
    default Instant createTime() {
        return state().createTime();
    }
}
