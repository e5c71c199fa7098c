package dev.vodhook.emulator;

/** DescribeTaskDetail for every kind of task; an unknown TaskId is {@code InvalidParameterValue.TaskId}. */
final class DescribeTaskDetailAction implements ApiAction {

    private final TaskRepository tasks;

    DescribeTaskDetailAction(TaskRepository tasks) {
        this.tasks = tasks;
    }

    record Request(String taskId) {
    }

    @Override
    public String name() {
        return "DescribeTaskDetail";
    }

    @Override
    public Object handle(ApiRequest request) {
        String taskId = Param.required(request.bind(Request.class).taskId(), "TaskId");
        return tasks.find(taskId).filter(t -> t.subAppId() == request.subAppId()).map(VodTask::detail)
                .orElseThrow(() -> VodApiException.invalidValue("TaskId", "TaskId", taskId + " does not exist"));
    }
}
