package dev.vodhook.service.reconcile;

import dev.vodhook.service.vod.VodApi;
import dev.vodhook.service.vod.VodApiException;

/** Asking VOD how a task is doing (DescribeTaskDetail): the seam between the reconciler and {@link VodApi}. */
public interface TaskDetails {

    /**
     * @throws VodApiException when VOD refused (e.g. an unknown or too old TaskId) or could not be reached
     */
    TaskDetail describeTask(String taskId);
}
