package dev.vodhook.service.processing;

import dev.vodhook.events.VodEvent;
import dev.vodhook.store.inbox.Lease;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.MediaWrites;
import java.util.List;
import java.util.Set;

/**
 * A handler whose whole effect is writes to the store (no call to VOD, nothing read that another event could
 * change): it says what an event records, as data, so that the processor writes what the events of one claim
 * record together, in one transaction of a few multi-row statements, instead of one transaction of a dozen
 * statements per event. Handling one event alone ({@link #handle}) is recording a claim of one.
 */
public interface RecordingHandler extends EventHandler {
    /** What the event records; writes nothing. Throws, as {@link #handle} would, for an event it cannot record. */
    Recording recording(StoredEvent stored, VodEvent event);

    /**
     * Writes what several events record, in the order given, in one transaction, all or nothing; in the same
     * transaction, marks DONE the events still held under {@code done} and returns the ids it marked (an event
     * whose lease was lost is written and not marked).
     */
    Set<Long> recordAll(List<MediaWrites> writes, List<Lease> done);

    @Override
    default void handle(StoredEvent stored, VodEvent event) {
        Recording recording = recording(stored, event);
        recordAll(List.of(recording.writes()), List.of());
        recording.recorded().run();
    }

    /**
     * What one event records.
     *
     * @param recorded what the handler says once the writes are committed (its log lines)
     */
    record Recording(MediaWrites writes, Runnable recorded) {}
}
