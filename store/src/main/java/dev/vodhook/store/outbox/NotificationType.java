package dev.vodhook.store.outbox;

import java.util.Arrays;
import java.util.Optional;

/**
 * vodhook's own media notifications, in the order of the media's life ({@link #rank()}): a media is
 * uploaded (or made by a task), processed, ready or failed, and deleted.
 */
public enum NotificationType {
    /** NewFileUpload recorded: a file arrived in VOD. */
    UPLOADED("media.uploaded", 0),
    /** A PullUpload, EditMedia or ComposeMedia task made a new media. */
    CREATED("media.created", 0),
    /** A task flow started on the media (one vodhook started, or one VOD started itself). */
    PROCESSING("media.processing", 1),
    /** A task flow finished: its outputs. */
    READY("media.ready", 2),
    /** A task flow failed: which definitions, with VOD's error codes. */
    FAILED("media.failed", 2),
    /** The media was deleted, whole or in parts. */
    DELETED("media.deleted", 3);

    private final String wireName;
    private final int rank;

    NotificationType(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    /** As it appears in the payload's {@code type}: {@code media.ready}. */
    public String wireName() {
        return wireName;
    }

    /** Notifications written together go out in rank order: uploaded before processing before ready. */
    public int rank() {
        return rank;
    }

    /** The type for its wire name ({@code media.ready}), if there is one. */
    public static Optional<NotificationType> parse(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName.strip())).findFirst();
    }
}
