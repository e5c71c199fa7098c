package dev.vodhook.service;

import static dev.vodhook.service.RecordMadeMedia.nonEmpty;

import dev.vodhook.events.FileUpload;
import dev.vodhook.events.VodEvent;
import dev.vodhook.store.MediaStore;
import dev.vodhook.store.StoredEvent;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NewFileUpload with {@code on-upload: procedure}: records the media and starts the configured task flow template
 * on it with ProcessMediaByProcedure, under a SessionId derived from the FileId and the template name, so VOD
 * starts it only once however often this runs. An upload that already started a task flow of its own is left
 * alone unless configured, as for transcoding.
 */
final class ProcedureOnUpload implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(ProcedureOnUpload.class);

    private final RecordUpload uploads;
    private final MediaProcessing vod;
    private final String procedureName;
    private final boolean evenWhenProcedureNamed;

    ProcedureOnUpload(MediaStore media, MediaProcessing vod, String procedureName, boolean evenWhenProcedureNamed,
            Clock clock) {
        this.uploads = new RecordUpload(media, clock);
        this.vod = vod;
        this.procedureName = procedureName;
        this.evenWhenProcedureNamed = evenWhenProcedureNamed;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        FileUpload upload = uploads.record(event);
        String fileId = upload.fileId();
        Optional<String> own = nonEmpty(upload.procedureTaskId());
        if (own.isPresent() && !evenWhenProcedureNamed) {
            log.info("Upload FileId {} already started task flow {}; not starting {} on it (event {})", fileId,
                    own.get(), procedureName, stored.id());
            return;
        }
        String sessionId = SessionIds.procedure(fileId, procedureName);
        ProcessMediaResult result = vod.processMediaByProcedure(fileId, procedureName, sessionId,
                "{\"vodhookEventId\":" + stored.id() + "}");
        if (result.alreadySubmitted()) {
            log.info("Task flow {} on FileId {} was already submitted (VOD knows SessionId {}); nothing more to do"
                    + " (event {}, RequestId {})", procedureName, fileId, sessionId, stored.id(), result.requestId());
            uploads.recordAlreadyStarted(fileId);
            return;
        }
        String taskId = result.taskId().orElseThrow();
        uploads.recordStarted(fileId, taskId, sessionId);
        log.info("Task flow started. FileId: {}, Procedure: {}, TaskId: {} (event {}, SessionId {}, RequestId {})",
                fileId, procedureName, taskId, stored.id(), sessionId, result.requestId());
    }
}
