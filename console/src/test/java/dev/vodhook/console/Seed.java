package dev.vodhook.console;

import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.outbox.AttemptOutcome;
import dev.vodhook.store.outbox.AttemptRecord;
import dev.vodhook.store.outbox.ClaimedDelivery;
import dev.vodhook.store.outbox.EndpointSpec;
import dev.vodhook.store.outbox.EndpointView;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Events, media and notifications put straight into the store, as the receiver and its deliverer would have recorded
 * them.
 */
final class Seed {
    private Seed() {}

    static long upload(Database db, String fileId, Instant at) {
        String body = "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"" + fileId
                + "\",\"MediaBasicInfo\":{\"Name\":\"clip " + fileId + "\"}}}";
        return db.inbox().append(new IncomingEvent(at, EventSource.PUSH, "NewFileUpload", "V3", "NewFileUpload:" + fileId,
                body, Map.of("content-type", "application/json"), Optional.of(fileId), Optional.empty())).id();
    }

    static long event(Database db, String type, String body, Instant at) {
        return db.inbox().append(new IncomingEvent(at, EventSource.PUSH, type, "V3", type + ":" + body.hashCode(), body,
                Map.of("content-type", "application/json"))).id();
    }

    /** Notifications go to these endpoints from now on (every type). */
    static void notifyTo(Database db, Instant now, String... urls) {
        db.outbox().configure(Arrays.stream(urls).map(u -> new EndpointSpec(u, Set.of())).toList(), Optional.empty(),
                now);
    }

    /** A media recorded as uploaded, as the NewFileUpload handler does: its media.uploaded notification is written. */
    static void uploadedMedia(Database db, String fileId, String name, Instant at) {
        db.media().write(at, w -> w.recordUpload(new MediaUpdate(fileId, Optional.of(name),
                Optional.of("http://vod/" + fileId + ".mp4"), Optional.empty(), MediaState.UPLOADED), ""));
    }

    /**
     * Claims what is due to the endpoint and records one attempt of each answered {@code status} with {@code answer}:
     * a 2xx DELIVERED, a 410 gone (the endpoint disabled), anything else DEAD ({@code dead}) or failed, due again in a
     * minute. The deliveries' ids.
     */
    static List<Long> attemptDue(Database db, String url, Instant now, int status, String answer, boolean dead) {
        EndpointView endpoint = db.outbox().log().endpoints().stream().filter(e -> e.url().equals(url)).findFirst()
                .orElseThrow();
        List<ClaimedDelivery> claimed = db.outbox().claimDue(endpoint, "console-test", now, Duration.ofSeconds(30),
                1000);
        for (ClaimedDelivery c : claimed) {
            AttemptOutcome outcome = status / 100 == 2 ? AttemptOutcome.DELIVERED
                    : status == 410 ? AttemptOutcome.GONE : AttemptOutcome.FAILED;
            AttemptRecord attempt = new AttemptRecord(c.id(), c.attempt(), "console-test", now, Duration.ofMillis(42),
                    OptionalInt.of(status), outcome, answer);
            if (outcome == AttemptOutcome.DELIVERED) {
                db.outbox().markDelivered(c.lease(), attempt, now);
            } else if (outcome == AttemptOutcome.GONE) {
                db.outbox().markGone(c.lease(), attempt, now);
            } else if (dead) {
                db.outbox().markDead(c.lease(), attempt, now);
            } else {
                db.outbox().markFailed(c.lease(), attempt, now.plusSeconds(60));
            }
        }
        return claimed.stream().map(ClaimedDelivery::id).toList();
    }

    /** Claims every due event and gives up on them: DEAD with {@code error}. */
    static List<Long> killDue(Database db, Instant now, String error) {
        List<ClaimedEvent> claimed = db.inbox().claimDue("test", now, Duration.ofSeconds(30), 1000);
        claimed.forEach(c -> db.inbox().markDead(c.lease(), error, now));
        return claimed.stream().map(ClaimedEvent::id).toList();
    }
}
