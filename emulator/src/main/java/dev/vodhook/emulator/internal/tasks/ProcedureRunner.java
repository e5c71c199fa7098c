package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.events.EventBus;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaRepository;
import dev.vodhook.emulator.internal.processing.MediaEngine;
import dev.vodhook.emulator.internal.processing.MediaStep;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.processing.SubTaskSpec;
import dev.vodhook.ffmpeg.FfmpegException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts task flows and runs their sub-tasks in parallel on virtual threads (ffmpeg itself is bounded by the
 * {@link MediaEngine}). A failing sub-task becomes {@code FAIL} with an error code; the flow still ends
 * {@code FINISH}. ProcedureStateChanged is published per {@code TasksNotifyMode}: {@code Finish} once at the end,
 * {@code Change} after every sub-task too ({@code PROCESSING} until the last one, whose event is the {@code FINISH}),
 * {@code None} never. Sub-tasks queue for ffmpeg by the task's {@code TasksPriority}.
 */
public final class ProcedureRunner {

    public static final long SOURCE_FILE_ERROR = 60000;
    static final long INTERNAL_ERROR = 70000;

    private static final Logger log = LoggerFactory.getLogger(ProcedureRunner.class);

    private final TaskRepository tasks;
    private final MediaRepository media;
    private final Map<String, MediaStep> steps;
    private final EventBus bus;
    private final IdSource ids;
    private final Clock clock;
    private final ExecutorService executor;
    /** Held while a state change is stored and published, so events leave in the order the states were reached. */
    private final Object publishing = new Object();

    public ProcedureRunner(TaskRepository tasks, MediaRepository media, List<MediaStep> steps, EventBus bus,
            IdSource ids,
                    Clock clock, ExecutorService executor) {
        this.tasks = tasks;
        this.media = media;
        this.steps = steps.stream().collect(Collectors.toUnmodifiableMap(MediaStep::type, Function.identity()));
        this.bus = bus;
        this.ids = ids;
        this.clock = clock;
        this.executor = executor;
    }

    /** How the flow reports and identifies itself (ProcessMedia's optional fields). */
    public record Options(long tasksPriority, String tasksNotifyMode, String sessionContext, String sessionId,
                   String operator) {
    }

    /** Records a new task as PROCESSING and starts its sub-tasks; returns its TaskId at once. */
    public String start(Media m, List<SubTaskSpec> plan, Options options) {
        String taskId = ids.procedureTaskId(m.subAppId());
        Instant now = clock.instant();
        List<SubTask> subTasks = plan.stream().map(SubTask::waiting).toList();
        ProcedureTask task = new ProcedureTask(taskId, m.subAppId(), m.fileId(), m.name(), m.mediaUrl(), m.metaData(),
                ProcedureTask.PROCESSING, subTasks, options.tasksPriority(), options.tasksNotifyMode(),
                options.sessionContext(), options.sessionId(), options.operator(), now, Optional.of(now),
                Optional.empty());
        tasks.save(task);
        log.info("Task {} started on FileId {} with {} sub-task(s)", taskId, m.fileId(), plan.size());
        launch(taskId, java.util.stream.IntStream.range(0, plan.size()).boxed().toList());
        return taskId;
    }

    /**
     * Runs again the sub-tasks of a task flow that were not done when the emulator stopped (after a restart), then
     * finishes it as usual.
     */
    public void resume(ProcedureTask task) {
        List<Integer> unfinished = java.util.stream.IntStream.range(0, task.subTasks().size())
                .filter(i -> !task.subTasks().get(i).done()).boxed().toList();
        log.info("Task {} resumed after a restart: {} of {} sub-task(s) to run", task.taskId(), unfinished.size(),
                task.subTasks().size());
        launch(task.taskId(), unfinished);
    }

    private void launch(String taskId, List<Integer> subTasks) {
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int index : subTasks) {
            running.add(CompletableFuture.runAsync(() -> runSubTask(taskId, index), executor));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> finish(taskId));
    }

    private void runSubTask(String taskId, int index) {
        Optional<ProcedureTask> task = tasks.update(taskId, t -> t.withSubTask(index, s -> s.started(clock.instant())));
        if (task.isEmpty()) {
            return;
        }
        SubTaskSpec spec = task.get().subTasks().get(index).spec();
        String fileId = task.get().fileId();
        Function<SubTask, SubTask> outcome;
        try {
            Media current = media.find(fileId).orElseThrow(() -> new EmulatorException("FileId " + fileId
                    + " is gone"));
            MediaStep.Result result = steps.get(spec.type()).run(current, spec, (int) task.get().tasksPriority());
            media.update(fileId, result.mediaChange());
            outcome = s -> s.succeeded(result.output(), clock.instant());
            log.info("Task {} sub-task {} {} {} succeeded", taskId, index, spec.type(), spec.definition());
        } catch (RuntimeException e) {
            if (executor.isShutdown()) {
                log.info("Task {} sub-task {} stopped: the emulator is shutting down", taskId, index);
                return;
            }
            outcome = failure(taskId, index, spec, e);
        }
        Function<SubTask, SubTask> change = outcome;
        synchronized (publishing) {
            tasks.update(taskId, t -> t.withSubTask(index, change::apply))
                    .filter(t -> "Change".equals(t.tasksNotifyMode()) && !t.allSubTasksDone())
                    .ifPresent(t -> bus.publish(EventContents.procedureStateChanged(t)));
        }
    }

    /** How a failed sub-task is reported: its own codes, 60000 for an ffmpeg failure, 70000 for anything else. */
    private Function<SubTask, SubTask> failure(String taskId, int index, SubTaskSpec spec, RuntimeException error) {
        return switch (error) {
            case MediaStepException e -> {
                log.info("Task {} sub-task {} {} {} cannot be done: {}; reported as FAIL", taskId, index, spec.type(),
                        spec.definition(), e.getMessage());
                yield s -> s.failed(e.errCode(), e.errCodeExt(), e.getMessage(), clock.instant());
            }
            case FfmpegException e -> {
                log.warn("Task {} sub-task {} {} {} failed: {}; reported as FAIL", taskId, index, spec.type(),
                        spec.definition(), e.getMessage());
                yield s -> s.failed(SOURCE_FILE_ERROR, "SourceFileError",
                        "media processing failed: " + withoutDirectories(e.getMessage()), clock.instant());
            }
            default -> {
                log.error("Task {} sub-task {} {} {} failed inside the emulator; reported as FAIL", taskId, index,
                        spec.type(), spec.definition(), error);
                yield s -> s.failed(INTERNAL_ERROR, "InternalError", "internal error: " + error.getMessage(),
                        clock.instant());
            }
        };
    }

    /** Keeps the emulator's local paths out of what clients see: {@code /tmp/x/y/f0.mp4} becomes {@code f0.mp4}. */
    static String withoutDirectories(String message) {
        return message == null ? "" : message.replaceAll("(?<![\\w.])/[^\\s|:]*/", "");
    }

    private void finish(String taskId) {
        if (executor.isShutdown()) {
            log.info("Task {} left unfinished: the emulator is shutting down", taskId);
            return;
        }
        synchronized (publishing) {
            tasks.update(taskId, t -> t.finished(clock.instant())).ifPresent(t -> {
                long failed = t.subTasks().stream().filter(s -> SubTask.FAIL.equals(s.status())).count();
                log.info("Task {} finished: {} sub-task(s), {} failed", taskId, t.subTasks().size(), failed);
                if (!"None".equals(t.tasksNotifyMode())) {
                    bus.publish(EventContents.procedureStateChanged(t));
                }
            });
        }
    }
}
