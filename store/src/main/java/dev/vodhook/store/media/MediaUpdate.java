package dev.vodhook.store.media;

import java.util.Objects;
import java.util.Optional;

/**
 * What we learned about a media. Name, URL, procedure and source task fill in only what is not stored
 * yet (the first value known stays, whatever order events arrive in); {@code state} applies only if it
 * ranks higher than the stored one. A media that does not exist yet is created.
 *
 * @param sourceTaskId the task that made this media (PullUpload, EditMedia, ComposeMedia), if one did
 */
public record MediaUpdate(
        String fileId,
        Optional<String> name,
        Optional<String> mediaUrl,
        Optional<String> procedureTaskId,
        MediaState state,
        Optional<String> sourceTaskId) {

    public MediaUpdate {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sourceTaskId, "sourceTaskId");
    }

    /** A media not made by a task of ours to know: an upload, or one we learn about from a task flow. */
    public MediaUpdate(String fileId, Optional<String> name, Optional<String> mediaUrl,
            Optional<String> procedureTaskId, MediaState state) {
        this(fileId, name, mediaUrl, procedureTaskId, state, Optional.empty());
    }

    /** Only a state for a media. */
    public static MediaUpdate state(String fileId, MediaState state) {
        return new MediaUpdate(fileId, Optional.empty(), Optional.empty(), Optional.empty(), state, Optional.empty());
    }
}
