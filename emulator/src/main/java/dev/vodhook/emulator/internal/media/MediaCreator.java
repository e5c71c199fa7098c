package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.storage.ObjectKey;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import dev.vodhook.emulator.internal.tasks.ProcedureStarter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes a new media of a file the emulator produced or fetched (PullUpload, EditMedia, ComposeMedia): a fresh FileId
 * and folder, the file stored as the original (and a cover beside it), the media recorded, and the task flow it
 * names started.
 */
public final class MediaCreator {

    private final ObjectStore store;
    private final StorageLayout layout;
    private final IdSource ids;
    private final MediaIngest ingest;
    private final ProcedureStarter procedures;
    private final String defaultRegion;

    public MediaCreator(ObjectStore store, StorageLayout layout, IdSource ids, MediaIngest ingest,
            ProcedureStarter procedures,
                 String defaultRegion) {
        this.defaultRegion = defaultRegion;
        this.store = store;
        this.layout = layout;
        this.ids = ids;
        this.ingest = ingest;
        this.procedures = procedures;
    }

    /**
     * What the new media is.
     *
     * @param region   the storage region; {@code ""} for the configured default
     * @param fileName the original's name in storage without extension ({@code f0} unless the source had a name)
     * @param type     its extension, e.g. {@code mp4}
     */
    public record Original(long subAppId, String region, String fileName, String type, String name, String description,
                    long classId, Optional<Instant> expireTime, MediaBasicInfo.SourceInfo source) {

        Original inRegion(String value) {
            return new Original(subAppId, value, fileName, type, name, description, classId, expireTime, source);
        }
    }

    /** An image to store as the media's cover. */
    record Cover(Path file, String type) {
    }

    /** A fresh scratch directory for fetching or producing the new file; the caller deletes it. */
    Path scratch(String prefix) {
        return store.newScratchDirectory(prefix);
    }

    /** The metadata of a file that must be media; {@link MediaStepException} (60000) when it is not. */
    MetaData probeMedia(Path file) {
        return ingest.probeMedia(file);
    }

    /** Stores {@code file} (moved) and {@code cover} and records the media with {@code metaData}. */
    Media create(Original original, Path file, MetaData metaData, Optional<Cover> cover, Instant now) {
        Original o = original.region().isEmpty() ? original.inRegion(defaultRegion) : original;
        String fileId = ids.fileId();
        String folder = StorageLayout.fileFolder(ids.hex(4), fileId);
        ObjectKey mediaKey = new ObjectKey(layout.originalFolderKey(o.region(), folder) + "/" + o.fileName() + "."
                + o.type());
        Optional<ObjectKey> coverKey = cover.map(c -> new ObjectKey(layout.uploadedCoverKey(o.region(), folder, fileId,
                c.type())));
        cover.ifPresent(c -> store.putFile(coverKey.orElseThrow(), c.file()));
        store.putFile(mediaKey, file);
        return ingest.ingest(new NewMedia(fileId, o.subAppId(), folder, o.name(), o.description(), o.type(),
                o.classId(), o.expireTime(), o.region(), mediaKey, coverKey, o.source()), metaData, now);
    }

    /** Starts the task flow named {@code procedure} on the media; its TaskId, or {@code ""} when none is named. */
    String startProcedure(Media m, Optional<String> procedure, long priority, String sessionContext) {
        return procedures.start(m, procedure, priority, sessionContext);
    }
}
