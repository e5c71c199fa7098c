package dev.vodhook.service.processing;

import dev.vodhook.events.VodEvent;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.MediaWrites;
import java.util.List;

/**
 * A handler whose whole effect is writes to the store (no call to VOD, nothing read that another event could
 * change): it says what an event records, as data, so that the processor writes what the events of one claim
 * record together, in one transaction of a few multi-row statements, instead of one transaction of a dozen
 * statements per event. Handling one event alone ({@link #handle}) is recording a claim of one.
 */
public interface RecordingHandler extends EventHandler {
    /** What the event records; writes nothing. Throws, as {@link #handle} would, for an event it cannot record. */
    Recording recording(StoredEvent stored, VodEvent event);

    /** Writes what several events record, in the order given, in one transaction: all or nothing. */
    void recordAll(List<MediaWrites> writes);

    @Override
    default void handle(StoredEvent stored, VodEvent event) {
        Recording recording = recording(stored, event);
        recordAll(List.of(recording.writes()));
        recording.recorded().run();
    }

    /**
     * What one event records.
     *
     * @param recorded what the handler says once the writes are committed (its log lines)
     */
    record Recording(MediaWrites writes, Runnable recorded) {}
}
