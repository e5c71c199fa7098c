package dev.vodhook.emulator.internal.processing;

import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.storage.ObjectKey;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.PublicUrls;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import dev.vodhook.emulator.internal.tasks.ProcedureTaskView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/** Takes a JPG snapshot (template 10, source size) at a time or percentage and makes it the media's cover. */
public final class CoverStep implements MediaStep {

    private final MediaEngine engine;
    private final ObjectStore store;
    private final StorageLayout layout;
    private final PublicUrls urls;
    private final IdSource ids;
    private final Clock clock;

    public CoverStep(MediaEngine engine, ObjectStore store, StorageLayout layout, PublicUrls urls, IdSource ids,
            Clock clock) {
        this.engine = engine;
        this.store = store;
        this.layout = layout;
        this.urls = urls;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String type() {
        return SubTaskSpec.COVER_BY_SNAPSHOT;
    }

    @Override
    public Result run(Media media, SubTaskSpec spec, int priority) {
        Path source = media.originalKey().flatMap(store::find)
                .orElseThrow(() -> new EmulatorException("the original of " + media.fileId() + " is gone"));
        double duration = media.metaData().duration();
        double value = spec.input().path("PositionValue").asDouble(0);
        double seconds = "Percent".equals(spec.input().path("PositionType").asText()) ? duration * value / 100 : value;
        Path dir = store.newScratchDirectory("cover-");
        try {
            Path output = dir.resolve("cover.jpg");
            engine.snapshot(source, seconds, duration, output, priority);
            Instant now = clock.instant();
            ObjectKey key = new ObjectKey(layout.snapshotCoverKey(media.storageRegion(), media.folder(),
                    now.getEpochSecond(), 100_000_000 + ids.number(900_000_000)));
            store.putFile(key, output);
            String url = urls.url(key.value());
            return new Result(new ProcedureTaskView.CoverOutput(url), m -> m.withCover(url, clock.instant()));
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }
}
