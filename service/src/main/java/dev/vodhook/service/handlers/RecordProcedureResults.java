package dev.vodhook.service.handlers;

import dev.vodhook.events.MediaOutput;
import dev.vodhook.events.ProcedureStateChange;
import dev.vodhook.events.SubTaskResult;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.RecordingHandler;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.MediaWrites;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.inbox.Lease;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ProcedureStateChanged: records the task flow's state and, once it has finished, every output of
 * every sub-task (success decided per sub-task), in one transaction. A flow that is still running
 * only moves the task and media to PROCESSING; a late PROCESSING after FINISH changes nothing. An
 * ABORTED flow (as DescribeTaskDetail reports it to the reconciler) is a failure with what outputs it
 * made. A media already DELETED stays so, its outputs recorded as deleted.
 * Logs one line per transcode as Tencent's demo did. The events of one claim are recorded together
 * ({@link RecordingHandler}).
 */
public final class RecordProcedureResults implements RecordingHandler {
    private static final Logger log = LoggerFactory.getLogger(RecordProcedureResults.class);

    private final MediaStore media;
    private final Clock clock;

    public RecordProcedureResults(MediaStore media, Clock clock) {
        this.media = media;
        this.clock = clock;
    }

    @Override
    public Recording recording(StoredEvent stored, VodEvent event) {
        ProcedureStateChange change = ProcedureStateChange.from(event);
        Optional<String> fileId = Optional.of(change.fileId()).filter(id -> !id.isBlank());
        boolean ended = change.finished() || change.aborted();
        TaskStatus status = change.finished() ? TaskStatus.FINISH
                : change.aborted() ? TaskStatus.ABORTED
                : TaskStatus.parse(change.status()).filter(s -> s.rank() < TaskStatus.FINISH.rank())
                        .orElse(TaskStatus.PROCESSING);
        List<TaskUpdate> task = List.of(new TaskUpdate(change.taskId(), fileId, "Procedure", status, change.errCode(),
                change.message(), Optional.of(change.sessionId()).filter(s -> !s.isBlank()), false));
        if (!ended) {
            return new Recording(new MediaWrites(fileId.map(id -> MediaUpdate.state(id, MediaState.PROCESSING)), task,
                    List.of()), () -> log.info("Task flow {} for FileId {} is {}; its outputs are recorded when it"
                            + " finishes (event {})", change.taskId(), fileId.orElse("(none)"), change.status(),
                            stored.id()));
        }
        if (fileId.isEmpty()) {
            return new Recording(new MediaWrites(Optional.empty(), task, List.of()), () -> log.warn("Task flow {}"
                    + " finished without a FileId; recorded the task, no outputs to attach (event {})",
                    change.taskId(), stored.id()));
        }
        List<OutputRecord> outputs = outputs(change);
        boolean flowFailed = change.errCode() != 0 || change.aborted()
                || (outputs.stream().noneMatch(OutputRecord::succeeded)
                        && change.results().stream().anyMatch(SubTaskResult::failed));
        MediaUpdate media = new MediaUpdate(fileId.get(), Optional.of(change.fileName()).filter(n -> !n.isBlank()),
                Optional.empty(), Optional.empty(), flowFailed ? MediaState.FAILED : MediaState.FINISHED);
        return new Recording(new MediaWrites(Optional.of(media), task, outputs),
                () -> logResults(stored, change, outputs, flowFailed));
    }

    @Override
    public Set<Long> recordAll(List<MediaWrites> writes, List<Lease> done) {
        return media.writeAll(clock.instant(), writes, done);
    }

    private static List<OutputRecord> outputs(ProcedureStateChange change) {
        List<OutputRecord> outputs = new ArrayList<>();
        for (SubTaskResult r : change.results()) {
            if (r.succeeded()) {
                for (MediaOutput o : r.outputs()) {
                    outputs.add(new OutputRecord(change.taskId(), o.kind(), o.definition(), o.url(), o.width(),
                            o.height(), o.bitrate(), o.size(), o.duration(), o.container(), OutputStatus.SUCCESS,
                            0, "", r.message()));
                }
            } else if (r.failed()) {
                outputs.add(new OutputRecord(change.taskId(), r.type(), r.definition().orElse(0), "", 0, 0, 0, 0, 0,
                        "", OutputStatus.FAIL, r.errCode(), r.errCodeExt(), r.message()));
            }
        }
        return outputs;
    }

    private static void logResults(StoredEvent stored, ProcedureStateChange change, List<OutputRecord> outputs,
            boolean flowFailed) {
        for (OutputRecord o : outputs) {
            if (!o.kind().equals("Transcode")) {
                continue;
            }
            if (o.succeeded()) {
                log.info("Transcode succeeded. FileId: {}, Definition: {}, Url: {}", change.fileId(), o.definition(),
                        o.url());
            } else {
                log.warn("Transcode failed. FileId: {}, Definition: {}, ErrCode: {}, Message: {}", change.fileId(),
                        o.definition(), o.errCodeExt().isEmpty() ? o.errCode() : o.errCode() + "/" + o.errCodeExt(),
                        o.message());
            }
        }
        long failed = outputs.stream().filter(o -> !o.succeeded()).count();
        if (change.errCode() != 0 || change.aborted()) {
            log.warn("Task flow {} for FileId {} failed ({}): ErrCode {}, Message {}; recorded as FAILED (event {})",
                    change.taskId(), change.fileId(), change.status(), change.errCode(), change.message(), stored.id());
        } else {
            log.info("Task flow {} for FileId {} finished: {} output(s) recorded, {} failed sub-task(s), media {}"
                    + " (event {})", change.taskId(), change.fileId(), outputs.size() - failed, failed,
                    flowFailed ? "FAILED" : "FINISHED", stored.id());
        }
    }
}
