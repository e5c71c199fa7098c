package dev.vodhook.service.handlers;

import static dev.vodhook.service.handlers.RecordMadeMedia.nonEmpty;

import dev.vodhook.events.FileUpload;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.service.vod.SessionIds;
import dev.vodhook.store.inbox.StoredEvent;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NewFileUpload with {@code on-upload: procedure}: records the media and starts the configured task flow template
 * on it with ProcessMediaByProcedure, under a SessionId derived from the FileId and the template name, so VOD
 * starts it only once however often this runs. An upload that already started a task flow of its own is left
 * alone unless configured, as for transcoding; and, as for transcoding, {@link VerifyUpload} may turn it down.
 */
final class ProcedureOnUpload implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(ProcedureOnUpload.class);

    private final RecordUpload uploads;
    private final VerifyUpload verify;
    private final MediaProcessing vod;
    private final String procedureName;
    private final boolean evenWhenProcedureNamed;

    ProcedureOnUpload(RecordUpload uploads, VerifyUpload verify, MediaProcessing vod, String procedureName,
            boolean evenWhenProcedureNamed) {
        this.uploads = uploads;
        this.verify = verify;
        this.vod = vod;
        this.procedureName = procedureName;
        this.evenWhenProcedureNamed = evenWhenProcedureNamed;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        FileUpload upload = FileUpload.from(event);
        String fileId = upload.fileId();
        Optional<String> own = nonEmpty(upload.procedureTaskId());
        if (own.isPresent() && !evenWhenProcedureNamed) {
            uploads.record(upload);
            log.info("Upload FileId {} already started task flow {}; not starting {} on it (event {})", fileId,
                    own.get(), procedureName, stored.id());
            return;
        }
        Optional<UploadSkip> skip = verify.beforeProcedure(fileId, procedureName);
        if (skip.isPresent()) {
            uploads.recordSkipped(upload, skip.get(), skip.get().reason() + "; task flow " + procedureName
                    + " not started (NewFileUpload event " + stored.id() + ")");
            String line = "Not starting task flow {} on FileId {}: {}; ProcessMediaByProcedure not called, the media"
                    + " records why (event {})";
            if (skip.get().mediaExists()) {
                log.info(line, procedureName, fileId, skip.get().reason(), stored.id());
            } else {
                log.warn(line, procedureName, fileId, skip.get().reason(), stored.id());
            }
            return;
        }
        uploads.record(upload);
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
