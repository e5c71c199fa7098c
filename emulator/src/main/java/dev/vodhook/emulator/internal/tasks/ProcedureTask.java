package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.media.MetaData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A task flow (ProcessMedia, or the Procedure named at upload) and its sub-tasks. Immutable; kept in
 * {@link TaskRepository}.
 *
 * @param status {@code PROCESSING} until every sub-task is done, then {@code FINISH}
 */
public record ProcedureTask(String taskId, long subAppId, String fileId, String fileName, String fileUrl,
        MetaData metaData,
                     String status, List<SubTask> subTasks, long tasksPriority, String tasksNotifyMode,
                     String sessionContext, String sessionId, String operator, Instant createTime,
                     Optional<Instant> beginProcessTime, Optional<Instant> finishTime) implements VodTask {

    static final String PROCESSING = "PROCESSING";
    public static final String FINISH = "FINISH";

    ProcedureTask withSubTask(int index, UnaryOperator<SubTask> change) {
        List<SubTask> next = new ArrayList<>(subTasks);
        next.set(index, change.apply(next.get(index)));
        return new ProcedureTask(taskId, subAppId, fileId, fileName, fileUrl, metaData, status, List.copyOf(next),
                tasksPriority, tasksNotifyMode, sessionContext, sessionId, operator, createTime, beginProcessTime,
                finishTime);
    }

    ProcedureTask finished(Instant now) {
        return new ProcedureTask(taskId, subAppId, fileId, fileName, fileUrl, metaData, FINISH, subTasks,
                tasksPriority, tasksNotifyMode, sessionContext, sessionId, operator, createTime, beginProcessTime,
                Optional.of(now));
    }

    @Override
    public TaskDetailView detail() {
        return TaskDetailView.of(this);
    }

    boolean allSubTasksDone() {
        return subTasks.stream().allMatch(SubTask::done);
    }
}
