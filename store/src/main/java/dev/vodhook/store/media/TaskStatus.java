package dev.vodhook.store.media;

import java.util.Locale;
import java.util.Optional;

/** A VOD task's status, ranked like {@link MediaState}: it only ever moves forward. */
public enum TaskStatus {
    WAITING(0),
    PROCESSING(1),
    FINISH(2),
    ABORTED(2);

    private final int rank;

    TaskStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** The status for VOD's spelling ({@code FINISH}, {@code PROCESSING}, ...), if known. */
    public static Optional<TaskStatus> parse(String vodStatus) {
        if (vodStatus == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(vodStatus.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
