package dev.vodhook.service.http;

import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.inbox.StoredEvent;
import dev.vodhook.store.media.StoredTask;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of the operator API: plain records, times as ISO-8601 strings, absent values null. */
final class ApiJson {
    private ApiJson() {}

    record Media(String fileId, String name, String state, String mediaUrl, String taskId, List<Output> outputs,
            List<Task> tasks, String createdAt, String updatedAt, String sourceTaskId, String originalDeletedAt,
            String skipReason, String skippedAt) {}

    record Output(String kind, int definition, String url, int width, int height, long bitrate, long size,
            double duration, String container, String status, long errCode, String errCodeExt, String message,
            String taskId, String deletedAt) {}

    record Task(String taskId, String status, long errCode, String message, String sessionId, boolean startedByUs,
            String createdAt, String updatedAt, String checkedAt, String checkError, String givenUpReason) {}

    record EventSummaryJson(long id, String receivedAt, String source, String eventType, String format,
            String dedupeKey, String status, int attempts, String nextAttemptAt, String lastError,
            String processedAt) {}

    record Event(long id, String receivedAt, String source, String eventType, String format, String dedupeKey,
            String status, int attempts, String nextAttemptAt, String leaseOwner, String leaseUntil,
            String lastError, String processedAt, Map<String, String> headers, String body) {}

    record EventList(List<EventSummaryJson> events, Long nextBefore) {}

    record Replay(long id, String result) {}

    record Error(String error, String message) {}

    static Media media(MediaView m) {
        return new Media(m.fileId(), m.name().orElse(null), m.state().name(), m.mediaUrl().orElse(null),
                m.taskId().orElse(null), m.outputs().stream().map(ApiJson::output).toList(),
                m.tasks().stream().map(ApiJson::task).toList(), iso(m.createdAt()), iso(m.updatedAt()),
                m.sourceTaskId().orElse(null), iso(m.originalDeletedAt()), m.skipReason().orElse(null),
                iso(m.skippedAt()));
    }

    static Output output(OutputRecord o) {
        return new Output(o.kind(), o.definition(), o.url(), o.width(), o.height(), o.bitrate(), o.size(),
                o.duration(), o.container(), o.status().name(), o.errCode(), o.errCodeExt(), o.message(),
                o.taskId().isEmpty() ? null : o.taskId(), iso(o.deletedAt()));
    }

    static Task task(StoredTask t) {
        return new Task(t.taskId(), t.status().name(), t.errCode(), t.message(), t.sessionId().orElse(null),
                t.startedByUs(), iso(t.createdAt()), iso(t.updatedAt()), iso(t.checkedAt()), t.checkError().orElse(null),
                t.givenUpReason().orElse(null));
    }

    static EventSummaryJson summary(EventSummary e) {
        return new EventSummaryJson(e.id(), iso(e.receivedAt()), e.source().name(), e.eventType(), e.format(),
                e.dedupeKey(), e.status().name(), e.attempts(), iso(e.nextAttemptAt()), e.lastError().orElse(null),
                iso(e.processedAt()));
    }

    static Event event(StoredEvent e) {
        return new Event(e.id(), iso(e.receivedAt()), e.source().name(), e.eventType(), e.format(), e.dedupeKey(),
                e.status().name(), e.attempts(), iso(e.nextAttemptAt()), e.leaseOwner().orElse(null),
                iso(e.leaseUntil()), e.lastError().orElse(null), iso(e.processedAt()), e.headers(), e.body());
    }

    private static String iso(Instant t) {
        return t.toString();
    }

    private static String iso(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
