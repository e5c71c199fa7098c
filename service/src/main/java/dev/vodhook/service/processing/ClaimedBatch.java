package dev.vodhook.service.processing;

import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.inbox.Inbox;
import java.time.Clock;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of one claim. An event that fails is marked by its handler's run at once (retry or
 * DEAD), an event recorded together with others is marked DONE in the transaction that records it; the
 * other events handled are marked DONE together, in one statement, when the last handler of the claim
 * ends. Until then they stay PROCESSING under their lease, which the processor's heartbeat keeps
 * extending: a crash in between means they are handled again, which handlers allow.
 */
final class ClaimedBatch {
    private static final Logger log = LoggerFactory.getLogger(ClaimedBatch.class);

    private final AtomicInteger running;
    private final Queue<ClaimedEvent> handled = new ConcurrentLinkedQueue<>();
    private final Inbox inbox;
    private final Clock clock;
    private final Predicate<ClaimedEvent> handle;
    private final Consumer<List<ClaimedEvent>> released;

    /**
     * @param handle   runs an event's handler; true when it succeeded and the event is to be marked DONE
     * @param released told of the events marked DONE (or that could not be), which are no longer held
     */
    ClaimedBatch(int size, Inbox inbox, Clock clock, Predicate<ClaimedEvent> handle,
            Consumer<List<ClaimedEvent>> released) {
        this.running = new AtomicInteger(size);
        this.inbox = inbox;
        this.clock = clock;
        this.handle = handle;
        this.released = released;
    }

    /** Handles one event of the claim; the last one to finish marks the handled ones DONE. */
    void run(ClaimedEvent claimed) {
        finished(claimed, handle.test(claimed));
    }

    /**
     * One event of the claim is finished, handled (to be marked DONE) or not (marked already, or handed back); the
     * last one to finish marks the handled ones DONE.
     */
    void finished(ClaimedEvent claimed, boolean succeeded) {
        if (succeeded) {
            handled.add(claimed);
        }
        if (running.decrementAndGet() == 0) {
            List<ClaimedEvent> done = List.copyOf(handled);
            try {
                markDone(done);
            } finally {
                released.accept(done);
            }
        }
    }

    private void markDone(List<ClaimedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            Set<Long> marked = inbox.markAllDone(events.stream().map(ClaimedEvent::lease).toList(), clock.instant());
            for (ClaimedEvent c : events) {
                if (!marked.contains(c.id())) {
                    log.warn("Event {} ({}) was handled but its lease had expired; another worker may handle it again"
                            + " (handlers are idempotent)", c.id(), c.eventType());
                }
            }
        } catch (RuntimeException e) {
            log.error("Events {} were handled but could not be marked DONE: {}; they will be handled again when"
                    + " their leases expire (handlers are idempotent)", events.stream().map(ClaimedEvent::id).toList(),
                    e.getMessage(), e);
        }
    }
}
