package dev.vodhook.service.handlers;

import dev.vodhook.events.FileDeleted;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaWriter;
import dev.vodhook.store.inbox.StoredEvent;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FileDeleted: a media deleted whole becomes DELETED for good (every output stamped deleted, also outputs a late
 * FINISH records afterwards); deleted parts stamp the matching outputs ({@code TranscodeFiles} and
 * {@code AdaptiveDynamicStreamingFiles} by Definition, 0 = all) or the original file. WeChat publish parts leave
 * nothing of ours to mark. One transaction for the whole event.
 *
 * <p>A part delete marks the outputs recorded when it is handled. If it arrives before the ProcedureStateChanged
 * that reported those outputs, they are recorded afterwards as present: events carry no time that tells a delete
 * of earlier outputs from a delete that preceded the task.
 */
final class RecordDeletion implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(RecordDeletion.class);

    private final MediaStore media;
    private final Clock clock;

    RecordDeletion(MediaStore media, Clock clock) {
        this.media = media;
        this.clock = clock;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        FileDeleted deleted = FileDeleted.from(event);
        media.write(clock.instant(), w -> deleted.deletions().forEach(d -> {
            if (d.wholeMedia()) {
                w.deleteMedia(d.fileId());
                log.info("FileId {} deleted whole; recorded as DELETED (event {})", d.fileId(), stored.id());
            } else {
                d.parts().forEach(part -> deletePart(w, d.fileId(), part, stored));
            }
        }));
    }

    private static void deletePart(MediaWriter w, String fileId, FileDeleted.Part part, StoredEvent stored) {
        String definitions = part.allDefinitions() ? "all definitions" : "Definition " + part.definition();
        switch (part.type()) {
            case "OriginalFiles" -> {
                w.deleteOriginal(fileId);
                log.info("FileId {}: original file deleted; the media and its outputs stay (event {})", fileId,
                        stored.id());
            }
            case "TranscodeFiles" -> log.info("FileId {}: transcodes of {} deleted; {} output(s) marked (event {})",
                    fileId, definitions, w.deleteOutputs(fileId, "Transcode", part.definition()), stored.id());
            case "AdaptiveDynamicStreamingFiles" -> log.info("FileId {}: adaptive streams of {} deleted; {} output(s)"
                    + " marked (event {})", fileId, definitions,
                    w.deleteOutputs(fileId, "AdaptiveDynamicStreaming", part.definition()), stored.id());
            default -> log.info("FileId {}: {} of {} deleted; vodhook records none, nothing to mark (event {})",
                    fileId, part.type(), definitions, stored.id());
        }
    }
}
