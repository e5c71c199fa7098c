package dev.vodhook.store.media;

/**
 * Where a media is in its life. Ranked: a media's state only ever moves to a higher rank, so a late
 * or repeated event cannot move it back (a PROCESSING that arrives after FINISHED changes nothing).
 */
public enum MediaState {
    /** Uploaded (NewFileUpload seen), nothing started yet. */
    UPLOADED(0),
    /** A task flow is running on it. */
    PROCESSING(1),
    /** A task flow finished and at least its flow-level result was success. */
    FINISHED(2),
    /** A task flow finished with a flow-level error, or every sub-task failed. */
    FAILED(2),
    /** Deleted from VOD. */
    DELETED(3);

    private final int rank;

    MediaState(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
