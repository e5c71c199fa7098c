package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.storage.ObjectKey;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import java.util.regex.Pattern;

/** The stored files of one media, as DeleteMedia removes them: all at once, the original, or renditions. */
public final class MediaFiles {

    private final ObjectStore store;
    private final StorageLayout layout;

    public MediaFiles(ObjectStore store, StorageLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    /** The original, the uploaded cover, every rendition, segment and snapshot. */
    public void deleteAll(Media m) {
        store.deleteFolder(new ObjectKey(layout.originalFolderKey(m.storageRegion(), m.folder())));
        store.deleteFolder(derivedFolder(m));
    }

    public void deleteOriginal(Media m) {
        m.originalKey().ifPresent(store::delete);
    }

    /**
     * The renditions of one template ({@code 0}: of every template): {@code v.f<definition>.mp4} or {@code .m3u8},
     * and the HLS segments {@code v.f<definition>_<n>.ts} beside them.
     */
    public void deleteTranscodes(Media m, long definition) {
        Pattern rendition = Pattern.compile("v\\.f" + (definition == 0 ? "\\d+" : Long.toString(definition))
                + "(\\.mp4|\\.m3u8|_\\d+\\.ts)");
        store.list(derivedFolder(m)).stream()
                .filter(key -> rendition.matcher(key.value().substring(key.value().lastIndexOf('/') + 1)).matches())
                .forEach(store::delete);
    }

    /**
     * The adaptive streams of one template ({@code 0}: of every template): master and sub-stream playlists, segments.
     */
    public void deleteAdaptiveStreams(Media m, long definition) {
        Pattern stream = Pattern.compile("adp\\." + (definition == 0 ? "\\d+" : Long.toString(definition))
                + "(\\.m3u8|_\\d+\\.m3u8|_\\d+_\\d+\\.ts)");
        store.list(derivedFolder(m)).stream()
                .filter(key -> stream.matcher(key.value().substring(key.value().lastIndexOf('/') + 1)).matches())
                .forEach(store::delete);
    }

    private ObjectKey derivedFolder(Media m) {
        return new ObjectKey(layout.derivedFolderKey(m.storageRegion(), m.folder()));
    }
}
