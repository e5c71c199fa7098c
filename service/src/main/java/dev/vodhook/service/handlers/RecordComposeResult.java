package dev.vodhook.service.handlers;

import dev.vodhook.events.ComposeMediaComplete;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.store.inbox.StoredEvent;

/** ComposeMediaComplete: the ComposeMedia task, and on success the file it composed as a new media. */
final class RecordComposeResult implements EventHandler {
    private final RecordMadeMedia made;

    RecordComposeResult(RecordMadeMedia made) {
        this.made = made;
    }

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        ComposeMediaComplete compose = ComposeMediaComplete.from(event);
        made.record(stored, new RecordMadeMedia.Outcome(compose.taskId(), "ComposeMedia", compose.status(),
                compose.succeeded(), compose.errCode(), compose.message(), compose.output(), "",
                compose.sessionId()));
    }
}
