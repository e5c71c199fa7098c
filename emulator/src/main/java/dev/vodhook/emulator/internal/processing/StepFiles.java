package dev.vodhook.emulator.internal.processing;

import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.storage.ObjectKey;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.PublicUrls;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import dev.vodhook.emulator.internal.storage.StoredObject;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where a sub-task reads its media and puts what it makes: the original's path, scratch directories for ffmpeg,
 * and objects in the media's derived folder ({@code /{8hex}vodtrans{rg}{appid}/{8hex}{FileId}/...}) with their URLs.
 */
public final class StepFiles {

    private final ObjectStore store;
    private final StorageLayout layout;
    private final PublicUrls urls;
    private final IdSource ids;

    public StepFiles(ObjectStore store, StorageLayout layout, PublicUrls urls, IdSource ids) {
        this.store = store;
        this.layout = layout;
        this.urls = urls;
        this.ids = ids;
    }

    /** The stored original; fails when it was deleted. */
    Path original(Media media) {
        return media.originalKey().flatMap(store::find)
                .orElseThrow(() -> new EmulatorException("the original of " + media.fileId() + " is gone"));
    }

    /** A fresh scratch directory; the caller deletes it with {@link ObjectStore#deleteTree(Path)}. */
    Path scratch(String prefix) {
        return store.newScratchDirectory(prefix);
    }

    /** Moves {@code file} into the media's derived folder as {@code name} (which may have a sub-folder). */
    StoredObject put(Media media, String name, Path file) {
        return store.putFile(new ObjectKey(layout.derivedKey(media.storageRegion(), media.folder(), name)), file);
    }

    String url(StoredObject object) {
        return urls.url(object.key().value());
    }

    /** A name prefix no other run shares, in the cloud's style: {@code <epoch seconds>_<9 digits>}. */
    String runId(Instant now) {
        return now.getEpochSecond() + "_" + (100_000_000 + ids.number(900_000_000));
    }
}
