package dev.vodhook.store.media;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which media to list, newest change first; empty fields match everything.
 *
 * @param search only the media with this FileId, or whose name contains it (case-insensitive for ASCII letters)
 * @param after  only the media after this one in the listing (the last of the previous page)
 */
public record MediaFilter(Optional<MediaState> state, Optional<String> search, Optional<Position> after) {

    /** A media's place in the listing: its last change, then its FileId. */
    public record Position(Instant updatedAt, String fileId) {
        public Position {
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(fileId, "fileId");
        }
    }

    public MediaFilter {
        search = search.map(String::strip).filter(s -> !s.isEmpty());
    }

    public static MediaFilter all() {
        return new MediaFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    public MediaFilter withState(MediaState value) {
        return new MediaFilter(Optional.of(value), search, after);
    }

    public MediaFilter withSearch(String value) {
        return new MediaFilter(state, Optional.of(value), after);
    }

    public MediaFilter withAfter(Position value) {
        return new MediaFilter(state, search, Optional.of(value));
    }
}
