package dev.vodhook.service.handlers;

import dev.vodhook.events.ProducedMedia;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What PullComplete, EditMediaComplete and ComposeMediaComplete have in common: a task that, on success, made a
 * new media. Records the task (status only forward, error code and message on failure) and, on success, the new
 * media naming the task as its source ({@code media.created}), with the task flow it started if it named one. One
 * transaction.
 */
final class RecordMadeMedia {
    private static final Logger log = LoggerFactory.getLogger(RecordMadeMedia.class);

    /**
     * One such task as its event reports it.
     *
     * @param kind            the task type as DescribeTaskDetail names it: PullUpload, EditMedia, ComposeMedia
     * @param procedureTaskId the task flow the new media started; empty when none
     */
    record Outcome(String taskId, String kind, String status, boolean succeeded, long errCode, String message,
                   ProducedMedia made, String procedureTaskId, String sessionId) {}

    private final MediaStore media;
    private final Clock clock;

    RecordMadeMedia(MediaStore media, Clock clock) {
        this.media = media;
        this.clock = clock;
    }

    void record(StoredEvent stored, Outcome o) {
        Optional<String> fileId = o.succeeded() ? nonEmpty(o.made().fileId()) : Optional.empty();
        Optional<String> procedure = fileId.flatMap(id -> nonEmpty(o.procedureTaskId()));
        TaskStatus status = TaskStatus.parse(o.status()).orElse(TaskStatus.PROCESSING);
        media.write(clock.instant(), w -> {
            w.recordTask(new TaskUpdate(o.taskId(), fileId, o.kind(), status, o.errCode(), o.message(),
                    nonEmpty(o.sessionId()), false));
            fileId.ifPresent(id -> w.recordMadeMedia(new MediaUpdate(id, nonEmpty(o.made().name()),
                    nonEmpty(o.made().url()), procedure, procedure.isPresent() ? MediaState.PROCESSING
                            : MediaState.UPLOADED, Optional.of(o.taskId())), o.kind()));
            procedure.ifPresent(p -> w.recordTask(new TaskUpdate(p, fileId, "Procedure", TaskStatus.PROCESSING, 0,
                    "", Optional.empty(), false)));
        });
        if (fileId.isPresent()) {
            log.info("{} task {} made FileId {}{} (event {})", o.kind(), o.taskId(), fileId.get(),
                    procedure.map(p -> ", which started task flow " + p).orElse(""), stored.id());
        } else if (status.rank() >= TaskStatus.FINISH.rank()) {
            log.warn("{} task {} failed: ErrCode {}, Message {}; recorded, no media made (event {})", o.kind(),
                    o.taskId(), o.errCode(), o.message(), stored.id());
        } else {
            log.info("{} task {} is {}; recorded (event {})", o.kind(), o.taskId(), o.status(), stored.id());
        }
    }

    static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
