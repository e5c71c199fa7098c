package dev.vodhook.emulator;

import java.time.Instant;

/**
 * A task that is one piece of work with one outcome (PullUpload, EditMedia, ComposeMedia), run by
 * {@link SingleTaskRunner}.
 */
interface SingleTask<T extends SingleTask<T>> extends VodTask {

    TaskState state();

    T withState(TaskState state);

    /** The event that reports the finished task. */
    VodEvent completeEvent();

    @Override
    default Instant createTime() {
        return state().createTime();
    }
}
