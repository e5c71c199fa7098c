package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.state.StateChanges;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Tasks of every kind by TaskId, in memory; every change is reported to {@link StateChanges}. */
public final class TaskRepository {

    private final Map<String, VodTask> tasks = new ConcurrentHashMap<>();
    private final StateChanges changes;

    public TaskRepository(StateChanges changes) {
        this.changes = changes;
    }

    void save(VodTask task) {
        tasks.put(task.taskId(), task);
        changes.changed();
    }

    public Optional<VodTask> find(String taskId) {
        return Optional.ofNullable(taskId).map(tasks::get);
    }

    /** Applies {@code change} to a task flow atomically; empty when the task is gone (e.g. after a reset). */
    Optional<ProcedureTask> update(String taskId, UnaryOperator<ProcedureTask> change) {
        return update(taskId, ProcedureTask.class, change);
    }

    /** Applies {@code change} atomically to the task if it is a {@code type}; empty when it is not there. */
    <T extends VodTask> Optional<T> update(String taskId, Class<T> type, UnaryOperator<T> change) {
        VodTask result = tasks.computeIfPresent(taskId, (id, t) -> type.isInstance(t) ? change.apply(type.cast(t)) : t);
        changes.changed();
        return Optional.ofNullable(result).filter(type::isInstance).map(type::cast);
    }

    /** Every task, oldest first. */
    public List<VodTask> all() {
        return tasks.values().stream()
                .sorted(Comparator.comparing(VodTask::createTime).thenComparing(VodTask::taskId))
                .toList();
    }

    public void clear() {
        tasks.clear();
        changes.changed();
    }

    /** Replaces everything with saved tasks. */
    public void restore(List<VodTask> saved) {
        tasks.clear();
        saved.forEach(t -> tasks.put(t.taskId(), t));
    }
}
