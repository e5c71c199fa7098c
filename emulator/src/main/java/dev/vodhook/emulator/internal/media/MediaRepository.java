package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.state.StateChanges;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Media by FileId, in memory; every change is reported to {@link StateChanges}. */
public final class MediaRepository {

    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final StateChanges changes;

    public MediaRepository(StateChanges changes) {
        this.changes = changes;
    }

    void save(Media m) {
        media.put(m.fileId(), m);
        changes.changed();
    }

    public Optional<Media> find(String fileId) {
        return Optional.ofNullable(fileId).map(media::get);
    }

    /** Applies {@code change} atomically; empty when the FileId is unknown. */
    /** The media of one application: another application's FileId does not exist for it. */
    public Optional<Media> find(long subAppId, String fileId) {
        return find(fileId).filter(m -> m.subAppId() == subAppId);
    }

    public Optional<Media> update(String fileId, UnaryOperator<Media> change) {
        Optional<Media> updated = Optional.ofNullable(media.computeIfPresent(fileId, (id, m) -> change.apply(m)));
        changes.changed();
        return updated;
    }

    /** Forgets the media; false when it was not there. */
    public boolean remove(String fileId) {
        boolean removed = media.remove(fileId) != null;
        changes.changed();
        return removed;
    }

    boolean contains(String fileId) {
        return media.containsKey(fileId);
    }

    /** Every media, oldest first. */
    public List<Media> all() {
        return media.values().stream().sorted(Comparator.comparing(Media::createTime).thenComparing(Media::fileId))
                .toList();
    }

    public void clear() {
        media.clear();
        changes.changed();
    }

    /** Replaces everything with saved media. */
    public void restore(List<Media> saved) {
        media.clear();
        saved.forEach(m -> media.put(m.fileId(), m));
    }
}
