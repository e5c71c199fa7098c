package dev.vodhook.emulator.internal.processing;

import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaTranscodeItem;
import dev.vodhook.emulator.internal.media.MetaData;
import dev.vodhook.emulator.internal.storage.ObjectKey;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.PublicUrls;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import dev.vodhook.emulator.internal.storage.StoredObject;
import dev.vodhook.ffmpeg.MediaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/** Transcodes the original with a preset template and stores the rendition (and HLS segments) as objects. */
public final class TranscodeStep implements MediaStep {

    private final MediaEngine engine;
    private final ObjectStore store;
    private final StorageLayout layout;
    private final PublicUrls urls;
    private final Clock clock;

    public TranscodeStep(MediaEngine engine, ObjectStore store, StorageLayout layout, PublicUrls urls, Clock clock) {
        this.engine = engine;
        this.store = store;
        this.layout = layout;
        this.urls = urls;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.TRANSCODE;
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        TranscodeTemplate template = TranscodeTemplates.find(spec.definition())
                .orElseThrow(() -> new EmulatorException("no transcoding template " + spec.definition()));
        Path source = media.originalKey().flatMap(store::find)
                .orElseThrow(() -> new EmulatorException("the original of " + media.fileId() + " is gone"));
        Path dir = store.newScratchDirectory("transcode-");
        try {
            String fileName = "v.f" + template.definition() + "." + template.extension();
            Path output = dir.resolve(fileName);
            engine.transcode(source, template, output, priority);
            MediaProbe probe = engine.probe(output);
            long totalSize = storeSegments(media, dir, fileName);
            ObjectKey key = new ObjectKey(layout.transcodeKey(media.storageRegion(), media.folder(),
                    template.definition(), template.extension()));
            StoredObject main = store.putFile(key, output);
            MetaData meta = withSize(MetaData.of(probe, main.md5()), totalSize + main.size());
            MediaTranscodeItem item = MediaTranscodeItem.of(urls.url(key.value()), template.definition(), meta);
            return new Result(item, m -> m.withTranscode(item, clock.instant()));
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /** Stores every file beside the main output (HLS segments) first, so the playlist never points at nothing. */
    private long storeSegments(Media media, Path dir, String mainFile) {
        List<Path> others;
        try (Stream<Path> files = Files.list(dir)) {
            others = files.filter(f -> !f.getFileName().toString().equals(mainFile)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list transcoder output in " + dir, e);
        }
        long size = 0;
        for (Path file : others) {
            ObjectKey key = new ObjectKey(layout.derivedKey(media.storageRegion(), media.folder(),
                    file.getFileName().toString()));
            size += store.putFile(key, file).size();
        }
        return size;
    }

    private static MetaData withSize(MetaData m, long size) {
        return new MetaData(size, m.container(), m.bitrate(), m.height(), m.width(), m.duration(), m.rotate(),
                m.videoStreamSet(), m.audioStreamSet(), m.videoDuration(), m.audioDuration(), m.md5());
    }
}
