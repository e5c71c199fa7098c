package dev.vodhook.service;

import dev.vodhook.events.FileUpload;
import dev.vodhook.events.VodEvent;
import dev.vodhook.store.MediaState;
import dev.vodhook.store.MediaStore;
import dev.vodhook.store.MediaUpdate;
import dev.vodhook.store.StoredEvent;
import dev.vodhook.store.TaskStatus;
import dev.vodhook.store.TaskUpdate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NewFileUpload: records the media and starts transcoding it to the configured templates with
 * ProcessMedia, under a SessionId derived from the FileId so that VOD starts it only once however
 * often this runs. An upload that already started a task flow of its own (non-empty
 * ProcedureTaskId) is not transcoded again unless configured.
 */
final class TranscodeOnUpload implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(TranscodeOnUpload.class);

    private final MediaStore media;
    private final MediaProcessing vod;
    private final List<Integer> definitions;
    private final boolean evenWhenProcedureNamed;
    private final Clock clock;

    TranscodeOnUpload(MediaStore media, MediaProcessing vod, List<Integer> definitions, boolean evenWhenProcedureNamed,
            Clock clock) {
        this.media = media;
        this.vod = vod;
        this.definitions = List.copyOf(definitions);
        this.evenWhenProcedureNamed = evenWhenProcedureNamed;
        this.clock = clock;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        FileUpload upload = FileUpload.from(event);
        String fileId = upload.fileId();
        Optional<String> procedure = nonEmpty(upload.procedureTaskId());
        media.write(clock.instant(), w -> {
            w.upsertMedia(new MediaUpdate(fileId, nonEmpty(upload.name()), nonEmpty(upload.mediaUrl()), procedure,
                    procedure.isPresent() ? MediaState.PROCESSING : MediaState.UPLOADED));
            procedure.ifPresent(taskId -> w.recordTask(new TaskUpdate(taskId, Optional.of(fileId), "Procedure",
                    TaskStatus.PROCESSING, 0, "", Optional.empty(), false)));
        });
        if (procedure.isPresent() && !evenWhenProcedureNamed) {
            log.info("Upload FileId {} already started task flow {}; not transcoding it again (event {})", fileId,
                    procedure.get(), stored.id());
            return;
        }
        String sessionId = SessionIds.transcode(fileId, definitions);
        ProcessMediaResult result = vod.processMedia(fileId, definitions, sessionId,
                "{\"vodhookEventId\":" + stored.id() + "}");
        if (result.alreadySubmitted()) {
            log.info("Transcode of FileId {} was already submitted (VOD knows SessionId {}); nothing more to do"
                    + " (event {}, RequestId {})", fileId, sessionId, stored.id(), result.requestId());
            media.upsertMedia(MediaUpdate.state(fileId, MediaState.PROCESSING), clock.instant());
            return;
        }
        String taskId = result.taskId().orElseThrow();
        media.write(clock.instant(), w -> {
            w.recordTask(new TaskUpdate(taskId, Optional.of(fileId), "Procedure", TaskStatus.PROCESSING, 0, "",
                    Optional.of(sessionId), true));
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.PROCESSING));
        });
        log.info("Transcode started. FileId: {}, Definitions: {}, TaskId: {} (event {}, SessionId {}, RequestId {})",
                fileId, definitions, taskId, stored.id(), sessionId, result.requestId());
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
