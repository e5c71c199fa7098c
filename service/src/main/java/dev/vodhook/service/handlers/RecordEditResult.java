package dev.vodhook.service.handlers;

import dev.vodhook.events.EditMediaComplete;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.store.inbox.StoredEvent;

/** EditMediaComplete: the EditMedia task, and on success the file it cut as a new media. */
final class RecordEditResult implements EventHandler {
    private final RecordMadeMedia made;

    RecordEditResult(RecordMadeMedia made) {
        this.made = made;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        EditMediaComplete edit = EditMediaComplete.from(event);
        String message = edit.errCodeExt().isBlank() ? edit.message() : edit.errCodeExt() + ": " + edit.message();
        made.record(stored, new RecordMadeMedia.Outcome(edit.taskId(), "EditMedia", edit.status(), edit.succeeded(),
                edit.errCode(), message, edit.output(), edit.procedureTaskId(), edit.sessionId()));
    }
}
