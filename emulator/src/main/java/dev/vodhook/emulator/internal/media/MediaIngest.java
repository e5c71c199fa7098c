package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.processing.MediaEngine;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.PublicUrls;
import dev.vodhook.emulator.internal.storage.UploadSession;
import dev.vodhook.ffmpeg.FfmpegException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a stored original into a {@link Media}: probes it with ffprobe and records it. */
public final class MediaIngest {

    private static final Logger log = LoggerFactory.getLogger(MediaIngest.class);

    private final MediaRepository media;
    private final ObjectStore store;
    private final MediaEngine engine;
    private final PublicUrls urls;

    public MediaIngest(MediaRepository media, ObjectStore store, MediaEngine engine, PublicUrls urls) {
        this.media = media;
        this.store = store;
        this.engine = engine;
        this.urls = urls;
    }

    /** Creates the media of a finished upload; the original must be stored already. */
    public Media ingest(UploadSession s, Path original, Instant now) {
        return ingest(s.newMedia(), original, now);
    }

    /** Creates a media whose original (and cover, if any) are stored already; unreadable files get empty metadata. */
    Media ingest(NewMedia n, Path original, Instant now) {
        return ingest(n, probe(n.fileId(), original), now);
    }

    /** Creates a media whose original was probed already. */
    Media ingest(NewMedia n, MetaData metaData, Instant now) {
        String coverUrl = n.coverKey().filter(k -> store.find(k).isPresent()).map(k -> urls.url(k.value())).orElse("");
        Media m = new Media(n.fileId(), n.subAppId(), n.folder(), n.name(), n.description(), n.type(), n.classId(), now,
                now, n.expireTime(), n.region(), java.util.Optional.of(n.mediaKey()), urls.url(n.mediaKey().value()),
                coverUrl, n.source(), metaData, List.of(), Derivatives.NONE);
        media.save(m);
        log.info("FileId {} created by {} ({} bytes, {}x{}, {} s)", m.fileId(), n.source().sourceType(),
                metaData.size(), metaData.width(), metaData.height(), metaData.duration());
        return m;
    }

    /** The metadata of a file that must be media: one ffprobe can read, with a video or audio stream. */
    MetaData probeMedia(Path file) {
        MetaData meta;
        try {
            meta = MetaData.of(engine.probe(file), "");
        } catch (FfmpegException e) {
            throw MediaStepException.sourceFileError("not a media file ffprobe can read");
        }
        if (meta.videoStreamSet().isEmpty() && meta.audioStreamSet().isEmpty()) {
            throw MediaStepException.sourceFileError("the file has no video or audio stream");
        }
        return meta;
    }

    private MetaData probe(String fileId, Path original) {
        try {
            return MetaData.of(engine.probe(original), "");
        } catch (FfmpegException e) {
            log.warn("FileId {}: ffprobe could not read the upload ({}); its metadata stays empty", fileId,
                    e.getMessage());
            return MetaData.unreadable(size(original));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
