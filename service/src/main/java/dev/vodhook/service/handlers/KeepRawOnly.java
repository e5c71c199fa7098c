package dev.vodhook.service.handlers;

import dev.vodhook.events.VodEvent;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.store.inbox.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** For event types vodhook does not act on (yet): the raw event stays in the inbox, nothing else. */
final class KeepRawOnly implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(KeepRawOnly.class);

    @Override
    public void handle(StoredEvent stored, VodEvent event) {
        log.info("Event {} ({}) kept as received; vodhook takes no action on this type", stored.id(),
                event.eventType());
    }
}
