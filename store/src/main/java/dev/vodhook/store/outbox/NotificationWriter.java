package dev.vodhook.store.outbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.store.Dialect;
import dev.vodhook.store.internal.Text;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaWriter;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The notifications of one media write transaction: {@link MediaWriter} reports each state change as it makes it
 * ({@link #add}), and {@link #flush} writes them, with a delivery per endpoint that wants them, in the same
 * transaction. So a notification exists if and only if its change was committed.
 *
 * <p>Per media, flush first locks the media row (PostgreSQL: {@code FOR UPDATE}; SQLite has one writer), so that
 * the media's notifications and its delivery queues are written by one transaction at a time, in commit order. Then,
 * in rank order (uploaded, processing, ready or failed, deleted), each change becomes a notification unless it
 * would break the media's state machine: nothing but {@code media.deleted} once the media is deleted, an upload
 * notice only as the media's first notification, a delete only for a media the application has heard of. A
 * notification whose id is already written (the same change reported by another run) is not written again.
 */
public final class NotificationWriter {
    /** A state change a media write made, with what identifies it. */
    sealed interface Change {
        String fileId();

        NotificationType type();
    }

    public record Uploaded(String fileId, String sourceContext) implements Change {
        public NotificationType type() {
            return NotificationType.UPLOADED;
        }
    }

    public record Created(String fileId, String sourceTaskId, String sourceTaskKind) implements Change {
        public NotificationType type() {
            return NotificationType.CREATED;
        }
    }

    public record Processing(String fileId, String taskId) implements Change {
        public NotificationType type() {
            return NotificationType.PROCESSING;
        }
    }

    /** A task flow ended: ready or failed, decided from the task and its outputs once everything is written. */
    public record Ended(String fileId, String taskId) implements Change {
        public NotificationType type() {
            return NotificationType.READY;
        }
    }

    public record Deleted(String fileId, boolean whole, boolean original, List<OutputRecord> parts) implements Change {
        public NotificationType type() {
            return NotificationType.DELETED;
        }
    }

    private record MediaRow(MediaState state, long sequence, Optional<String> name, Optional<String> mediaUrl,
            Optional<String> procedureTaskId) {}

    private final Handle handle;
    private final Dialect dialect;
    private final long now;
    private final Optional<Long> subAppId;
    private final Map<String, List<Change>> changes = new LinkedHashMap<>();
    /** The types each configured endpoint wants ('*' or ',a,b,'), read once per flush; null until then. */
    private List<String> endpointTypes;

    NotificationWriter(Handle handle, Dialect dialect, Instant now, Optional<Long> subAppId) {
        this.handle = handle;
        this.dialect = dialect;
        this.now = now.toEpochMilli();
        this.subAppId = subAppId;
    }

    public void add(Change change) {
        changes.computeIfAbsent(change.fileId(), f -> new ArrayList<>()).add(change);
    }

    /** Writes the notifications of every change added; returns how many were written. */
    public int flush() {
        if (changes.isEmpty()) {
            return 0;
        }
        endpointTypes = handle.createQuery("SELECT types FROM notify_endpoint WHERE retired_at IS NULL")
                .mapTo(String.class).list();
        int written = 0;
        for (var entry : changes.entrySet()) {
            written += flush(entry.getKey(), entry.getValue());
        }
        changes.clear();
        return written;
    }

    private int flush(String fileId, List<Change> reported) {
        Optional<MediaRow> locked = lockMedia(fileId);
        if (locked.isEmpty()) {
            return 0;
        }
        MediaRow media = locked.get();
        boolean deleted = media.state() == MediaState.DELETED;
        long sequence = media.sequence();
        int written = 0;
        for (Change change : merged(reported)) {
            Optional<Pending> pending = switch (change) {
                case Uploaded u -> sequence == 0 && !deleted ? Optional.of(uploaded(u, media)) : Optional.empty();
                case Created c -> sequence == 0 && !deleted ? Optional.of(created(c, media)) : Optional.empty();
                case Processing p -> deleted ? Optional.empty() : processing(p);
                case Ended e -> deleted ? Optional.empty() : ended(e, media);
                case Deleted d -> sequence == 0 || (deleted && !d.whole()) ? Optional.empty() : Optional.of(deleted(d));
            };
            if (pending.isPresent() && insert(fileId, sequence + 1, pending.get())) {
                sequence++;
                written++;
            }
        }
        if (written > 0) {
            handle.createUpdate("UPDATE media SET notify_seq = :sequence WHERE file_id = :fileId")
                    .bind("sequence", sequence).bind("fileId", fileId).execute();
        }
        return written;
    }

    /** The changes in rank order; a media's deletes merged into one (a whole delete covers its parts). */
    private static List<Change> merged(List<Change> changes) {
        List<Change> result = new ArrayList<>();
        Deleted delete = null;
        for (Change c : changes) {
            if (c instanceof Deleted d) {
                delete = delete == null ? d : new Deleted(d.fileId(), delete.whole() || d.whole(),
                        delete.original() || d.original(), concat(delete.parts(), d.parts()));
            } else {
                result.add(c);
            }
        }
        if (delete != null) {
            result.add(delete.whole() ? new Deleted(delete.fileId(), true, false, List.of()) : delete);
        }
        result.sort(Comparator.comparingInt(c -> c.type().rank()));
        return result;
    }

    /** A notification to write: its type, the change's identity, and its data but for the sequence. */
    private record Pending(NotificationType type, String change, DataOf data) {}

    @FunctionalInterface
    private interface DataOf {
        ObjectNode fill(ObjectNode common);
    }

    private Pending uploaded(Uploaded u, MediaRow media) {
        return new Pending(u.type(), "upload", d -> NotificationBodies.uploaded(d, media.name(), media.mediaUrl(),
                u.sourceContext(), media.procedureTaskId()));
    }

    private Pending created(Created c, MediaRow media) {
        return new Pending(c.type(), c.sourceTaskId(), d -> NotificationBodies.created(d, media.name(),
                media.mediaUrl(), c.sourceTaskId(), c.sourceTaskKind(), media.procedureTaskId()));
    }

    private Optional<Pending> processing(Processing p) {
        return task(p.taskId()).map(t -> new Pending(p.type(), p.taskId(), d -> NotificationBodies.processing(d,
                p.taskId(), t.startedByUs(), t.sessionId())));
    }

    /**
     * Failed when the flow says so (an error code, ABORTED) or when it made nothing but failures; ready otherwise,
     * as {@code RecordProcedureResults} decides the media's state.
     */
    private Optional<Pending> ended(Ended e, MediaRow media) {
        Optional<StoredTask> task = task(e.taskId());
        if (task.isEmpty()) {
            return Optional.empty();
        }
        List<OutputRecord> ofTask = MediaStore.outputs(handle, e.fileId()).stream()
                .filter(o -> o.taskId().equals(e.taskId())).toList();
        List<OutputRecord> made = ofTask.stream().filter(o -> o.succeeded() && !o.deleted()).toList();
        List<OutputRecord> failures = ofTask.stream().filter(o -> !o.succeeded()).toList();
        StoredTask t = task.get();
        boolean failed = t.errCode() != 0 || t.status() == TaskStatus.ABORTED
                || (ofTask.stream().noneMatch(OutputRecord::succeeded) && !failures.isEmpty());
        if (failed) {
            return Optional.of(new Pending(NotificationType.FAILED, e.taskId(), d -> NotificationBodies.failed(d,
                    e.taskId(), t.errCode(), t.message(), failures, made)));
        }
        return Optional.of(new Pending(NotificationType.READY, e.taskId(), d -> NotificationBodies.ready(d,
                e.taskId(), media.name(), made, failures)));
    }

    private Pending deleted(Deleted d) {
        String change = d.whole() ? "whole" : "parts" + (d.original() ? " original" : "") + d.parts().stream()
                .map(o -> " " + o.kind() + "/" + o.definition() + "/" + o.url()).sorted().reduce("", String::concat);
        return new Pending(d.type(), change, data -> NotificationBodies.deleted(data, d.whole(), d.original(),
                d.parts()));
    }

    /** Writes the notification and its deliveries; false when a notification with its id exists already. */
    private boolean insert(String fileId, long sequence, Pending p) {
        String eventId = NotificationBodies.eventId(fileId, p.type(), p.change());
        Instant at = Instant.ofEpochMilli(now);
        String body = NotificationBodies.render(eventId, p.type(), at,
                p.data().fill(NotificationBodies.common(fileId, sequence, subAppId)));
        Optional<Long> id = handle.createQuery("INSERT INTO notification (event_id, file_id, sequence, event_type,"
                        + " created_at, body) VALUES (:eventId, :fileId, :sequence, :type, :now, :body)"
                        + " ON CONFLICT (event_id) DO NOTHING RETURNING id")
                .bind("eventId", eventId)
                .bind("fileId", Text.storable(fileId))
                .bind("sequence", sequence)
                .bind("type", p.type().wireName())
                .bind("now", now)
                .bind("body", Text.storable(body))
                .mapTo(Long.class)
                .findOne();
        id.filter(n -> wanted(p.type())).ifPresent(n -> handle.createUpdate("INSERT INTO delivery (notification_id,"
                        + " endpoint_id, file_id, status,"
                        + " attempts, next_attempt_at, created_at)"
                        + " SELECT :notification, e.id, :fileId, CASE WHEN EXISTS (SELECT 1 FROM delivery o"
                        + "   WHERE o.endpoint_id = e.id AND o.file_id = :fileId"
                        + "   AND o.status IN ('WAITING', 'PENDING', 'SENDING')) THEN 'WAITING' ELSE 'PENDING' END,"
                        + " 0, :now, :now FROM notify_endpoint e"
                        + " WHERE e.retired_at IS NULL AND (e.types = '*' OR e.types LIKE :pattern)")
                .bind("notification", n)
                .bind("fileId", Text.storable(fileId))
                .bind("now", now)
                .bind("pattern", "%," + p.type().wireName() + ",%")
                .execute());
        return id.isPresent();
    }

    /**
     * Whether an endpoint wants this type: without one, the delivery insert is not run at all (it cost more than
     * the notification itself). The insert decides per endpoint again, by the same rule.
     */
    private boolean wanted(NotificationType type) {
        String pattern = "," + type.wireName() + ",";
        return endpointTypes.stream().anyMatch(t -> t.equals("*") || t.contains(pattern));
    }

    private Optional<MediaRow> lockMedia(String fileId) {
        return handle.createQuery("SELECT state, notify_seq, name, media_url, procedure_task_id FROM media"
                        + " WHERE file_id = :fileId" + dialect.forUpdate())
                .bind("fileId", Text.storable(fileId))
                .map((rs, ctx) -> new MediaRow(MediaState.valueOf(rs.getString("state")), rs.getLong("notify_seq"),
                        Optional.ofNullable(rs.getString("name")), Optional.ofNullable(rs.getString("media_url")),
                        Optional.ofNullable(rs.getString("procedure_task_id"))))
                .findOne();
    }

    private Optional<StoredTask> task(String taskId) {
        return MediaStore.task(handle, taskId);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
