package dev.vodhook.store.media;

import java.time.Instant;
import java.util.Optional;

/**
 * A media as a listing shows it.
 *
 * @param outputs    its outputs that exist: succeeded and not deleted
 * @param coverUrl   its newest cover made by a task (CoverBySnapshot), if any
 * @param skipReason why the last NewFileUpload started nothing on it, until work starts
 */
public record MediaSummary(
        String fileId,
        Optional<String> name,
        MediaState state,
        int outputs,
        Optional<String> coverUrl,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> skipReason) {

    /** Where this media is in the listing, to ask for the page after it. */
    public MediaFilter.Position position() {
        return new MediaFilter.Position(updatedAt, fileId);
    }
}
