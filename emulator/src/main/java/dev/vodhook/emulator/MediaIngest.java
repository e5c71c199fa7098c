package dev.vodhook.emulator;

import dev.vodhook.ffmpeg.FfmpegException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an uploaded object into a {@link Media}: probes it with ffprobe and records it. */
final class MediaIngest {

    private static final Logger log = LoggerFactory.getLogger(MediaIngest.class);

    private final MediaRepository media;
    private final ObjectStore store;
    private final MediaEngine engine;
    private final PublicUrls urls;

    MediaIngest(MediaRepository media, ObjectStore store, MediaEngine engine, PublicUrls urls) {
        this.media = media;
        this.store = store;
        this.engine = engine;
        this.urls = urls;
    }

    /** Creates the media of a finished upload; the original must be stored already. */
    Media ingest(UploadSession s, Path original, Instant now) {
        String coverUrl = s.coverKey().filter(k -> store.find(k).isPresent()).map(k -> urls.url(k.value())).orElse("");
        Media m = new Media(s.fileId(), s.subAppId(), s.folder(), s.mediaName(), "", s.mediaType(), s.classId(), now,
                now, s.expireTime(), s.region(), java.util.Optional.of(s.mediaKey()), urls.url(s.mediaKey().value()), coverUrl,
                MediaBasicInfo.SourceInfo.upload(s.sourceContext()), probe(s.fileId(), original), java.util.List.of(),
                Derivatives.NONE);
        media.save(m);
        log.info("FileId {} created from upload ({} bytes, {}x{}, {} s)", m.fileId(), m.metaData().size(),
                m.metaData().width(), m.metaData().height(), m.metaData().duration());
        return m;
    }

    private MetaData probe(String fileId, Path original) {
        try {
            return MetaData.of(engine.probe(original), "");
        } catch (FfmpegException e) {
            log.warn("FileId {}: ffprobe could not read the upload ({}); its metadata stays empty", fileId, e.getMessage());
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
