package dev.vodhook.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Task flows by TaskId, in memory. */
final class TaskRepository {

    private final Map<String, ProcedureTask> tasks = new ConcurrentHashMap<>();

    void save(ProcedureTask task) {
        tasks.put(task.taskId(), task);
    }

    Optional<ProcedureTask> find(String taskId) {
        return Optional.ofNullable(taskId).map(tasks::get);
    }

    /** Applies {@code change} atomically; empty when the task is gone (e.g. after a reset). */
    Optional<ProcedureTask> update(String taskId, UnaryOperator<ProcedureTask> change) {
        return Optional.ofNullable(tasks.computeIfPresent(taskId, (id, t) -> change.apply(t)));
    }

    /** Every task, oldest first. */
    List<ProcedureTask> all() {
        return tasks.values().stream()
                .sorted(Comparator.comparing(ProcedureTask::createTime).thenComparing(ProcedureTask::taskId))
                .toList();
    }

    void clear() {
        tasks.clear();
    }
}
