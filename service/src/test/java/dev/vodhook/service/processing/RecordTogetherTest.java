package dev.vodhook.service.processing;

import static dev.vodhook.service.TestEvents.append;
import static dev.vodhook.service.TestEvents.procedureWithFailure;
import static dev.vodhook.service.TestEvents.procedureWithStatus;
import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.events.VodEvent;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.TestEvents;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.handlers.Handlers;
import dev.vodhook.service.handlers.RecordProcedureResults;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.handlers.TranscodeOnUpload;
import dev.vodhook.store.Database;
import dev.vodhook.store.StoreException;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.Lease;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaWrites;
import dev.vodhook.store.outbox.EndpointSpec;
import dev.vodhook.store.outbox.Notification;
import dev.vodhook.store.outbox.NotificationType;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A claim's events of a recording handler are written together; one the database refuses holds up no other. */
class RecordTogetherTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final RecordingMediaProcessing vod = new RecordingMediaProcessing();
    Database db;
    Writes writes;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
        db.outbox().configure(List.of(new EndpointSpec("http://app/hook", Set.of())), Optional.empty(),
                clock.instant());
    }

    @AfterEach
    void close() {
        db.close();
    }

    /**
     * RecordProcedureResults as the processor sees it, with every recordAll it was given written down and, for a
     * test, a database that refuses some (as a constraint or a full disk would) or events it cannot record.
     */
    static final class Writes implements RecordingHandler {
        final RecordProcedureResults real;
        final Predicate<List<MediaWrites>> refused;
        final String unrecordable;
        final List<Integer> sizes = new ArrayList<>();

        Writes(RecordProcedureResults real, Predicate<List<MediaWrites>> refused, String unrecordable) {
            this.real = real;
            this.refused = refused;
            this.unrecordable = unrecordable;
        }

        @Override
        public Recording recording(StoredEvent stored, VodEvent event) {
            if (event.fileId().filter(unrecordable::equals).isPresent()) {
                throw new IllegalStateException("cannot record FileId " + unrecordable);
            }
            return real.recording(stored, event);
        }

        @Override
        public synchronized Set<Long> recordAll(List<MediaWrites> all, List<Lease> done) {
            sizes.add(all.size());
            if (refused.test(all)) {
                throw new StoreException("write media of " + all.size() + " events failed: refused", null);
            }
            return real.recordAll(all, done);
        }
    }

    Processor processor(Predicate<List<MediaWrites>> refused, String unrecordable) {
        writes = new Writes(new RecordProcedureResults(db.media(), clock), refused, unrecordable);
        return new Processor(db.inbox(), new Handlers(Map.of(
                "NewFileUpload", new TranscodeOnUpload(db.media(), vod, List.of(100010), false, clock),
                "ProcedureStateChanged", writes)), ProcessorTest.RETRY, ProcessorTest.WORKER, clock,
                new ServiceMetrics(), new SplittableRandom(7));
    }

    /** Three flows finished, an upload, and a flow's PROCESSING then FINISH: the last two in the order received. */
    List<Long> appendClaim() {
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(append(db.inbox(), procedureWithFailure("200" + i, "task-" + i, 0), clock.instant()));
        }
        ids.add(append(db.inbox(), upload("1001"), clock.instant()));
        ids.add(append(db.inbox(), procedureWithStatus("PROCESSING"), clock.instant()));
        ids.add(append(db.inbox(), procedureWithStatus("FINISH"), clock.instant()));
        return ids;
    }

    @Test
    void aClaimsEventsOfOneRecordingHandlerAreWrittenTogetherInTheirOrder() {
        List<Long> ids = appendClaim();
        try (Processor processor = processor(all -> false, "")) {
            assertThat(processor.runOnce()).isEqualTo(6);
        }

        assertThat(writes.sizes).as("five ProcedureStateChanged, one write").containsExactly(5);
        assertThat(ids).allSatisfy(id -> assertThat(db.inbox().find(id).orElseThrow().status())
                .isEqualTo(EventStatus.DONE));
        assertThat(vod.tasksStarted()).as("the upload, handled on its own").isEqualTo(1);
        for (int i = 1; i <= 3; i++) {
            assertThat(db.media().findMedia("200" + i).orElseThrow().outputs()).hasSize(2);
        }
        assertThat(db.media().findMedia(TestEvents.SAMPLE_FILE_ID).orElseThrow().state())
                .isEqualTo(MediaState.FINISHED);
        assertThat(db.outbox().log().notifications(TestEvents.SAMPLE_FILE_ID)).extracting(Notification::type)
                .containsExactly(NotificationType.PROCESSING, NotificationType.READY);
    }

    @Test
    void aClaimTheDatabaseRefusesTogetherIsRecordedOneEventAtATime() {
        List<Long> ids = appendClaim();
        try (Processor processor = processor(all -> all.size() > 1, "")) {
            assertThat(processor.runOnce()).isEqualTo(6);
        }

        assertThat(writes.sizes).containsExactly(5, 1, 1, 1, 1, 1);
        assertThat(ids).allSatisfy(id -> assertThat(db.inbox().find(id).orElseThrow().status())
                .isEqualTo(EventStatus.DONE));
        assertThat(db.outbox().log().notifications(TestEvents.SAMPLE_FILE_ID)).extracting(Notification::type)
                .containsExactly(NotificationType.PROCESSING, NotificationType.READY);
    }

    @Test
    void anEventTheDatabaseRefusesEvenAloneIsRetriedAndTheOthersAreDone() {
        List<Long> ids = appendClaim();
        Predicate<List<MediaWrites>> refused = all -> all.size() > 1
                || all.getFirst().media().filter(m -> m.fileId().equals("2002")).isPresent();
        try (Processor processor = processor(refused, "")) {
            processor.runOnce();
        }

        StoredEvent poisoned = db.inbox().find(ids.get(1)).orElseThrow();
        assertThat(poisoned.status()).isEqualTo(EventStatus.PENDING);
        assertThat(poisoned.lastError()).hasValueSatisfying(e -> assertThat(e).contains("refused"));
        assertThat(db.media().findMedia("2002")).isEmpty();
        ids.stream().filter(id -> !id.equals(ids.get(1))).forEach(id ->
                assertThat(db.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.DONE));
    }

    @Test
    void anEventThatCannotBeRecordedFailsAloneAndTheOthersAreWrittenTogether() {
        List<Long> ids = appendClaim();
        try (Processor processor = processor(all -> false, "2003")) {
            processor.runOnce();
        }

        assertThat(writes.sizes).containsExactly(4);
        StoredEvent failed = db.inbox().find(ids.get(2)).orElseThrow();
        assertThat(failed.status()).isEqualTo(EventStatus.PENDING);
        assertThat(failed.lastError()).hasValueSatisfying(e -> assertThat(e).contains("cannot record FileId 2003"));
        assertThat(db.media().findMedia("2001")).isPresent();
        assertThat(db.media().findMedia("2003")).isEmpty();
    }
}
