package dev.vodhook.service;

import dev.vodhook.service.handlers.Handlers;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.processing.Processor;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * A database and a processor with the receiver's own handlers ({@link Handlers#forConfig}), VOD replaced by a
 * {@link RecordingMediaProcessing}, stepped one event at a time so that a test decides the order events arrive in.
 */
public final class HandlerBench implements AutoCloseable {
    public final SettableClock clock = SettableClock.at(TestReceivers.START);
    public final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    public final Database db;
    public final Processor processor;

    public HandlerBench(Path dir) {
        this(dir, ProcessingSettings.defaults());
    }

    public HandlerBench(Path dir, ProcessingSettings processing) {
        db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
        ServiceConfig config = TestReceivers.config(dir, clock).withProcessing(processing);
        processor = new Processor(db.inbox(), Handlers.forConfig(config, db.media(), vod), config.retry(),
                config.worker(), clock, new ServiceMetrics(), new SplittableRandom(1));
    }

    /** Appends the event as intake would, handles it, and fails unless it ended DONE; a second later. */
    public long handle(String body) {
        long id = TestEvents.append(db.inbox(), body, clock.instant());
        processor.runOnce();
        EventStatus status = db.inbox().find(id).orElseThrow().status();
        if (status != EventStatus.DONE) {
            throw new AssertionError("event " + id + " ended " + status + ": "
                    + db.inbox().find(id).orElseThrow().lastError().orElse(""));
        }
        clock.tick(Duration.ofSeconds(1));
        return id;
    }

    public MediaView media(String fileId) {
        return db.media().findMedia(fileId).orElseThrow(() -> new AssertionError("no media " + fileId));
    }

    @Override
    public void close() {
        processor.close();
        db.close();
    }
}
