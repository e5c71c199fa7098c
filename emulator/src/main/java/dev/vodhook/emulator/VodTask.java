package dev.vodhook.emulator;

import java.time.Instant;

/** A task DescribeTaskDetail can answer for: a task flow, a pull upload, an edit or a composition. */
interface VodTask {

    String taskId();

    long subAppId();

    Instant createTime();

    /** The task as DescribeTaskDetail's output. */
    TaskDetailView detail();
}
