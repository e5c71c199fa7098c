package dev.vodhook.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Media by FileId, in memory. */
final class MediaRepository {

    private final Map<String, Media> media = new ConcurrentHashMap<>();

    void save(Media m) {
        media.put(m.fileId(), m);
    }

    Optional<Media> find(String fileId) {
        return Optional.ofNullable(fileId).map(media::get);
    }

    /** Applies {@code change} atomically; empty when the FileId is unknown. */
    Optional<Media> update(String fileId, UnaryOperator<Media> change) {
        return Optional.ofNullable(media.computeIfPresent(fileId, (id, m) -> change.apply(m)));
    }

    /** Forgets the media; false when it was not there. */
    boolean remove(String fileId) {
        return media.remove(fileId) != null;
    }

    boolean contains(String fileId) {
        return media.containsKey(fileId);
    }

    /** Every media, oldest first. */
    List<Media> all() {
        return media.values().stream().sorted(Comparator.comparing(Media::createTime).thenComparing(Media::fileId))
                .toList();
    }

    void clear() {
        media.clear();
    }
}
