package dev.vodhook.service.handlers;

import static dev.vodhook.service.handlers.RecordMadeMedia.nonEmpty;

import dev.vodhook.events.FileUpload;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.service.vod.SessionIds;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.inbox.StoredEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NewFileUpload with {@code on-upload: transcode} (the default): records the media and starts transcoding it to
 * the configured templates with ProcessMedia, under a SessionId derived from the FileId so that VOD starts it only
 * once however often this runs. An upload that already started a task flow of its own (non-empty
 * ProcedureTaskId) is not transcoded again unless configured. Before starting, {@link VerifyUpload} looks at
 * what the media already has, then asks VOD whether it exists; an upload it turns down starts nothing, and the
 * media keeps the reason.
 */
public final class TranscodeOnUpload implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(TranscodeOnUpload.class);

    private final RecordUpload uploads;
    private final VerifyUpload verify;
    private final MediaProcessing vod;
    private final List<Integer> definitions;
    private final boolean evenWhenProcedureNamed;

    TranscodeOnUpload(RecordUpload uploads, VerifyUpload verify, MediaProcessing vod, List<Integer> definitions,
            boolean evenWhenProcedureNamed) {
        this.uploads = uploads;
        this.verify = verify;
        this.vod = vod;
        this.definitions = List.copyOf(definitions);
        this.evenWhenProcedureNamed = evenWhenProcedureNamed;
    }

    /** Verifying uploads ({@code verify-uploads} on, as by default), in the application of the API key. */
    public TranscodeOnUpload(MediaStore media, MediaProcessing vod, List<Integer> definitions,
            boolean evenWhenProcedureNamed, Clock clock) {
        this(new RecordUpload(media, clock), new VerifyUpload(media, vod, Optional.empty(), true), vod, definitions,
                evenWhenProcedureNamed);
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        FileUpload upload = FileUpload.from(event);
        String fileId = upload.fileId();
        Optional<String> procedure = nonEmpty(upload.procedureTaskId());
        if (procedure.isPresent() && !evenWhenProcedureNamed) {
            uploads.record(upload);
            log.info("Upload FileId {} already started task flow {}; not transcoding it again (event {})", fileId,
                    procedure.get(), stored.id());
            return;
        }
        Optional<UploadSkip> skip = verify.beforeTranscode(fileId, definitions);
        if (skip.isPresent()) {
            uploads.recordSkipped(upload, skip.get(), skip.get().reason() + "; no transcode started (NewFileUpload"
                    + " event " + stored.id() + ")");
            String line = "Not transcoding FileId {}: {}; ProcessMedia not called, the media records why (event {})";
            if (skip.get().mediaExists()) {
                log.info(line, fileId, skip.get().reason(), stored.id());
            } else {
                log.warn(line, fileId, skip.get().reason(), stored.id());
            }
            return;
        }
        uploads.record(upload);
        String sessionId = SessionIds.transcode(fileId, definitions);
        ProcessMediaResult result = vod.processMedia(fileId, definitions, sessionId,
                "{\"vodhookEventId\":" + stored.id() + "}");
        if (result.alreadySubmitted()) {
            log.info("Transcode of FileId {} was already submitted (VOD knows SessionId {}); nothing more to do"
                    + " (event {}, RequestId {})", fileId, sessionId, stored.id(), result.requestId());
            uploads.recordAlreadyStarted(fileId);
            return;
        }
        String taskId = result.taskId().orElseThrow();
        uploads.recordStarted(fileId, taskId, sessionId);
        log.info("Transcode started. FileId: {}, Definitions: {}, TaskId: {} (event {}, SessionId {}, RequestId {})",
                fileId, definitions, taskId, stored.id(), sessionId, result.requestId());
    }
}
