package dev.vodhook.service.handlers;

import static dev.vodhook.service.handlers.RecordMadeMedia.nonEmpty;

import dev.vodhook.events.FileUpload;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.MediaWriter;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NewFileUpload with {@code on-upload: none}: records the media, and the task flow the upload started itself if it
 * named one, and starts nothing. The upload handlers that start work ({@link TranscodeOnUpload},
 * {@link ProcedureOnUpload}) record the upload and the task they started through it too.
 */
final class RecordUpload implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(RecordUpload.class);

    private final MediaStore media;
    private final Clock clock;

    RecordUpload(MediaStore media, Clock clock) {
        this.media = media;
        this.clock = clock;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        FileUpload upload = record(event);
        log.info("Upload FileId {} recorded; on-upload is none, so nothing is started (event {})", upload.fileId(),
                stored.id());
    }

    /** Records the media (state only forward, {@code media.uploaded} notified) and the upload's own task flow, if any. */
    FileUpload record(VodEvent event) {
        FileUpload upload = FileUpload.from(event);
        record(upload);
        return upload;
    }

    /** The same, for an upload already read from its event. */
    void record(FileUpload upload) {
        media.write(clock.instant(), w -> record(w, upload));
    }

    /**
     * The upload starts nothing, for {@code skip}'s reason, which the media keeps. What the event says of the media
     * (name, URL, its own task flow) is recorded only if VOD has the media: an event for a FileId VOD does not know
     * may be forged, and leaves only the reason.
     */
    void recordSkipped(FileUpload upload, UploadSkip skip, String reason) {
        media.write(clock.instant(), w -> {
            if (skip.mediaExists()) {
                record(w, upload);
            }
            w.recordSkip(upload.fileId(), reason);
        });
    }

    private static void record(MediaWriter w, FileUpload upload) {
        String fileId = upload.fileId();
        Optional<String> procedure = nonEmpty(upload.procedureTaskId());
        w.recordUpload(new MediaUpdate(fileId, nonEmpty(upload.name()), nonEmpty(upload.mediaUrl()), procedure,
                procedure.isPresent() ? MediaState.PROCESSING : MediaState.UPLOADED), upload.sourceContext());
        procedure.ifPresent(taskId -> w.recordTask(new TaskUpdate(taskId, Optional.of(fileId), "Procedure",
                TaskStatus.PROCESSING, 0, "", Optional.empty(), false)));
    }

    /**
     * Records the task flow we started on the media ({@code startedByUs}), which moves it to PROCESSING; a reason it
     * was skipped before no longer holds.
     */
    void recordStarted(String fileId, String taskId, String sessionId) {
        media.write(clock.instant(), w -> {
            w.recordTask(new TaskUpdate(taskId, Optional.of(fileId), "Procedure", TaskStatus.PROCESSING, 0, "",
                    Optional.of(sessionId), true));
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.PROCESSING));
            w.clearSkip(fileId);
        });
    }

    /** VOD already knew the SessionId, so the task was started by an earlier run: the media is PROCESSING. */
    void recordAlreadyStarted(String fileId) {
        media.write(clock.instant(), w -> {
            w.upsertMedia(MediaUpdate.state(fileId, MediaState.PROCESSING));
            w.clearSkip(fileId);
        });
    }
}
