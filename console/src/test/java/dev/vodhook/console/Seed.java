package dev.vodhook.console;

import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Events and media put straight into the store, as the receiver would have recorded them. */
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

    /** Claims every due event and gives up on them: DEAD with {@code error}. */
    static List<Long> killDue(Database db, Instant now, String error) {
        List<ClaimedEvent> claimed = db.inbox().claimDue("test", now, Duration.ofSeconds(30), 1000);
        claimed.forEach(c -> db.inbox().markDead(c.lease(), error, now));
        return claimed.stream().map(ClaimedEvent::id).toList();
    }
}
