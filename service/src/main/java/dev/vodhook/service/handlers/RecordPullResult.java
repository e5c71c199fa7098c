package dev.vodhook.service.handlers;

import dev.vodhook.events.ProducedMedia;
import dev.vodhook.events.PullComplete;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.store.inbox.StoredEvent;

/** PullComplete: the PullUpload task, and on success the pulled file as a new media. */
final class RecordPullResult implements EventHandler {
    private final RecordMadeMedia made;

    RecordPullResult(RecordMadeMedia made) {
        this.made = made;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        PullComplete pull = PullComplete.from(event);
        made.record(stored, new RecordMadeMedia.Outcome(pull.taskId(), "PullUpload", pull.status(), pull.succeeded(),
                pull.errCode(), pull.message(), new ProducedMedia(pull.fileId(), pull.mediaUrl(), pull.name(), ""),
                pull.procedureTaskId(), pull.sessionId()));
    }
}
