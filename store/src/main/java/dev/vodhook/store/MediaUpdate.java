package dev.vodhook.store;

import java.util.Objects;
import java.util.Optional;

/**
 * What we learned about a media. Name, URL and procedure fill in only what is not stored yet (the
 * first value known stays, whatever order events arrive in); {@code state} applies only if it ranks
 * higher than the stored one. A media that does not exist yet is created.
 */
public record MediaUpdate(
        String fileId,
        Optional<String> name,
        Optional<String> mediaUrl,
        Optional<String> procedureTaskId,
        MediaState state) {

    public MediaUpdate {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(state, "state");
    }

    /** Only a state for a media. */
    public static MediaUpdate state(String fileId, MediaState state) {
        return new MediaUpdate(fileId, Optional.empty(), Optional.empty(), Optional.empty(), state);
    }
}
