package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.tasks.TaskRepository;
import dev.vodhook.emulator.internal.tasks.VodTask;

/** DescribeTaskDetail for every kind of task; an unknown TaskId is {@code InvalidParameterValue.TaskId}. */
public final class DescribeTaskDetailAction implements ApiAction {

    private final TaskRepository tasks;

    public DescribeTaskDetailAction(TaskRepository tasks) {
        this.tasks = tasks;
    }

    record Request(String taskId) {
    }

    @Override
    public Object handle(ApiRequest request) {
        String taskId = Param.required(request.bind(Request.class).taskId(), "TaskId");
        return tasks.find(taskId).filter(t -> t.subAppId() == request.subAppId()).map(VodTask::detail)
                .orElseThrow(() -> LocalVodApiError.invalidValue("TaskId", "TaskId", taskId + " does not exist"));
    }
}
