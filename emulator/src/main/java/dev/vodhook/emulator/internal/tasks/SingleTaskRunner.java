package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.events.EventBus;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.ffmpeg.FfmpegException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs single tasks in the background: stores the task {@code WAITING}, then {@code PROCESSING}, does the work, and
 * stores it {@code FINISH}, with the work's result or with the error it failed with; then publishes the task's
 * completion event either way. A failure never escapes: {@link MediaStepException} keeps its codes, an ffmpeg failure
 * is 60000 (source file error), anything else 70000 (internal error).
 */
public final class SingleTaskRunner {

    private static final Logger log = LoggerFactory.getLogger(SingleTaskRunner.class);

    private final TaskRepository tasks;
    private final EventBus bus;
    private final Clock clock;
    private final ExecutorService executor;

    public SingleTaskRunner(TaskRepository tasks, EventBus bus, Clock clock, ExecutorService executor) {
        this.tasks = tasks;
        this.bus = bus;
        this.clock = clock;
        this.executor = executor;
    }

    /** Saves {@code task} and starts {@code work} on it; returns at once. The work answers the task with its output. */
    @SuppressWarnings("unchecked")
    public <T extends SingleTask<T>> void start(T task, UnaryOperator<T> work) {
        Class<T> type = (Class<T>) task.getClass();
        tasks.save(task);
        executor.execute(() -> run(task.taskId(), type, work));
    }

    /**
     * Ends a task the emulator was running when it stopped (after a restart): its work cannot be taken up again, so
     * it finishes with ErrCode 70000 and its completion event is published, as for any failure.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void endInterrupted(SingleTask<?> task) {
        endInterruptedTask((SingleTask) task);
    }

    @SuppressWarnings("unchecked")
    private <T extends SingleTask<T>> void endInterruptedTask(T task) {
        Class<T> type = (Class<T>) task.getClass();
        tasks.update(task.taskId(), type, t -> failed(t, ProcedureRunner.INTERNAL_ERROR, "InternalError",
                        "internal error: the local VOD stopped while the task ran; start it again"))
                .ifPresent(t -> bus.publish(t.completeEvent()));
    }

    private <T extends SingleTask<T>> void run(String taskId, Class<T> type, UnaryOperator<T> work) {
        T started = tasks.update(taskId, type, t -> t.withState(t.state().processing(clock.instant()))).orElse(null);
        if (started == null) {
            return;
        }
        T done;
        try {
            T result = work.apply(started);
            done = result.withState(result.state().succeeded(clock.instant()));
            log.info("Task {} finished", taskId);
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                log.info("Task {} stopped: the emulator is shutting down", taskId);
                return;
            }
            done = failure(started, e);
        }
        T finished = done;
        tasks.update(taskId, type, t -> finished).ifPresent(t -> bus.publish(t.completeEvent()));
    }

    private <T extends SingleTask<T>> T failure(T started, RuntimeException error) {
        return switch (error) {
            case MediaStepException e -> failed(started, e.errCode(), e.errCodeExt(), e.getMessage());
            case FfmpegException e -> failed(started, ProcedureRunner.SOURCE_FILE_ERROR, "SourceFileError",
                    "source file error: " + ProcedureRunner.withoutDirectories(e.getMessage()));
            default -> {
                log.error("Task {} failed inside the emulator; reported as ErrCode 70000", started.taskId(), error);
                yield failed(started, ProcedureRunner.INTERNAL_ERROR, "InternalError",
                        "internal error: " + error.getMessage());
            }
        };
    }

    private <T extends SingleTask<T>> T failed(T task, long code, String codeExt, String message) {
        log.info("Task {} finished with ErrCode {}: {}", task.taskId(), code, message);
        return task.withState(task.state().failed(code, codeExt, message, clock.instant()));
    }
}
