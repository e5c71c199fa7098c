package dev.vodhook.emulator.internal.tasks;

import java.time.Instant;

/** A task DescribeTaskDetail can answer for: a task flow, a pull upload, an edit or a composition. */
public interface VodTask {

    String taskId();

    long subAppId();

    Instant createTime();

    /** The task as DescribeTaskDetail's output. */
    TaskDetailView detail();
}
