package dev.vodhook.service.processing;

import dev.vodhook.events.VodEvent;
import dev.vodhook.store.inbox.StoredEvent;

/**
 * What to do with one type of event. Handlers may run more than once for an event (retries, a
 * lost lease, a replay), so their effects must be idempotent. Throwing means "try again later"
 * unless the exception says otherwise (see {@link Failure}).
 */
public interface EventHandler {

    /** @param stored the inbox row (id, raw body, attempt count); @param event its parsed body */
    void handle(StoredEvent stored, VodEvent event);
}
