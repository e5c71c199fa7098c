package dev.vodhook.store.outbox;

import static dev.vodhook.store.internal.MultiRow.chunks;
import static dev.vodhook.store.internal.MultiRow.rows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.store.Dialect;
import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaWriter;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private final Storage storage;
    private final Handle handle;
    private final Dialect dialect;
    private final long now;
    private final Optional<Long> subAppId;
    private final Map<String, List<Change>> changes = new LinkedHashMap<>();
    /** The types each configured endpoint wants ('*' or ',a,b,'), read once per flush; null until then. */
    private List<String> endpointTypes;
    /** The tasks the changes of a flush name and the outputs of its media whose flow ended, read once per flush. */
    private Map<String, StoredTask> tasks;
    private Map<String, List<OutputRecord>> outputs;

    NotificationWriter(Storage storage, Handle handle, Instant now, Optional<Long> subAppId) {
        this.storage = storage;
        this.handle = handle;
        this.dialect = storage.dialect();
        this.now = now.toEpochMilli();
        this.subAppId = subAppId;
    }

    public void add(Change change) {
        changes.computeIfAbsent(change.fileId(), f -> new ArrayList<>()).add(change);
    }

    /**
     * Writes the notifications of every change added since the last flush; returns how many were written. The media,
     * tasks and outputs the notifications are made of are read first, a few statements for all media; the
     * notifications are then written in one statement per 256 rows.
     */
    public int flush() {
        if (changes.isEmpty()) {
            return 0;
        }
        endpointTypes = jdbc("read the endpoints", "SELECT types FROM notify_endpoint WHERE retired_at IS NULL",
                select -> {
                    List<String> types = new ArrayList<>();
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            types.add(rs.getString(1));
                        }
                    }
                    return types;
                });
        Map<String, MediaRow> media = lockMedia(changes.keySet());
        Map<String, List<Change>> reported = new LinkedHashMap<>();
        changes.forEach((fileId, c) -> {
            if (media.containsKey(Text.storable(fileId))) {
                reported.put(fileId, merged(c));
            }
        });
        changes.clear();
        readTasksAndOutputs(reported);
        Map<String, List<Candidate>> candidates = new LinkedHashMap<>();
        reported.forEach((fileId, c) -> candidates.put(fileId, candidates(fileId, c,
                media.get(Text.storable(fileId)))));
        Set<String> taken = existing(candidates.values().stream().flatMap(List::stream).map(Candidate::eventId)
                .toList());
        List<Row> rows = new ArrayList<>();
        Map<String, Long> sequences = new LinkedHashMap<>();
        candidates.forEach((fileId, c) -> {
            MediaRow m = media.get(Text.storable(fileId));
            long sequence = m.sequence();
            for (Candidate candidate : c) {
                if (candidate.allowed(sequence, m.state() == MediaState.DELETED) && taken.add(candidate.eventId())) {
                    rows.add(new Row(fileId, ++sequence, candidate));
                }
            }
            if (sequence > m.sequence()) {
                sequences.put(fileId, sequence);
            }
        });
        insert(rows);
        updateSequences(sequences);
        return rows.size();
    }

    /** A notification a change would make, if the media's sequence and state at its turn allow it. */
    private record Candidate(Change change, String eventId, Pending pending) {
        /** Uploads and creations only first, nothing but a whole delete once deleted, deletes only after notices. */
        boolean allowed(long sequence, boolean deleted) {
            return switch (change) {
                case Uploaded u -> sequence == 0 && !deleted;
                case Created c -> sequence == 0 && !deleted;
                case Processing p -> !deleted;
                case Ended e -> !deleted;
                case Deleted d -> !(sequence == 0 || (deleted && !d.whole()));
            };
        }
    }

    /** A notification to write, with its place in its media's sequence. */
    private record Row(String fileId, long sequence, Candidate candidate) {}

    private List<Candidate> candidates(String fileId, List<Change> reported, MediaRow media) {
        List<Candidate> candidates = new ArrayList<>();
        for (Change change : reported) {
            Optional<Pending> pending = switch (change) {
                case Uploaded u -> Optional.of(uploaded(u, media));
                case Created c -> Optional.of(created(c, media));
                case Processing p -> processing(p);
                case Ended e -> ended(e, media);
                case Deleted d -> Optional.of(deleted(d));
            };
            pending.ifPresent(p -> candidates.add(new Candidate(change,
                    NotificationBodies.eventId(fileId, p.type(), p.change()), p)));
        }
        return candidates;
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
        return Optional.ofNullable(tasks.get(Text.storable(p.taskId()))).map(t -> new Pending(p.type(), p.taskId(),
                d -> NotificationBodies.processing(d, p.taskId(), t.startedByUs(), t.sessionId())));
    }

    /**
     * Failed when the flow says so (an error code, ABORTED) or when it made nothing but failures; ready otherwise,
     * as {@code RecordProcedureResults} decides the media's state.
     */
    private Optional<Pending> ended(Ended e, MediaRow media) {
        Optional<StoredTask> task = Optional.ofNullable(tasks.get(Text.storable(e.taskId())));
        if (task.isEmpty()) {
            return Optional.empty();
        }
        List<OutputRecord> ofTask = outputs.getOrDefault(Text.storable(e.fileId()), List.of()).stream()
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

    /** The ids of notifications written already, of those in {@code eventIds}. */
    private Set<String> existing(List<String> eventIds) {
        Set<String> existing = new HashSet<>();
        for (List<String> ids : chunks(eventIds)) {
            jdbc("read notifications written", "SELECT event_id FROM notification WHERE event_id IN ("
                    + rows(ids.size(), n -> "?") + ")", select -> {
                        for (int i = 0; i < ids.size(); i++) {
                            select.setString(i + 1, ids.get(i));
                        }
                        try (ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                existing.add(rs.getString(1));
                            }
                        }
                        return null;
                    });
        }
        return existing;
    }

    /**
     * Writes the notifications, then a delivery of each per endpoint that wants it (one statement each, in order:
     * a media's later notification waits for its earlier one at the same endpoint).
     */
    private void insert(List<Row> rows) {
        boolean deliveries = rows.stream().anyMatch(r -> wanted(r.candidate().pending().type()));
        Map<String, Long> ids = new HashMap<>();
        for (List<Row> chunk : chunks(rows)) {
            String sql = "INSERT INTO notification (event_id, file_id, sequence, event_type, created_at, body) VALUES "
                    + rows(chunk.size(), n -> "(?, ?, ?, ?, ?, ?)") + " ON CONFLICT (event_id) DO NOTHING"
                    + (deliveries ? " RETURNING id, event_id" : "");
            jdbc("write " + chunk.size() + " notifications", sql, insert -> {
                bindRows(insert, chunk);
                if (!deliveries) {
                    return insert.executeUpdate();
                }
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        ids.put(rs.getString(2), rs.getLong(1));
                    }
                }
                return null;
            });
        }
        for (Row row : rows) {
            NotificationType type = row.candidate().pending().type();
            Long id = ids.get(row.candidate().eventId());
            if (id != null && wanted(type)) {
                deliver(id, row.fileId(), type);
            }
        }
    }

    private void bindRows(PreparedStatement statement, List<Row> rows) throws SQLException {
        int p = 1;
        for (Row row : rows) {
            Pending pending = row.candidate().pending();
            String body = NotificationBodies.render(row.candidate().eventId(), pending.type(),
                    Instant.ofEpochMilli(now), pending.data().fill(NotificationBodies.common(row.fileId(),
                            row.sequence(), subAppId)));
            statement.setString(p++, row.candidate().eventId());
            statement.setString(p++, Text.storable(row.fileId()));
            statement.setLong(p++, row.sequence());
            statement.setString(p++, pending.type().wireName());
            statement.setLong(p++, now);
            statement.setString(p++, Text.storable(body));
        }
    }

    private void deliver(long notification, String fileId, NotificationType type) {
        handle.createUpdate("INSERT INTO delivery (notification_id, endpoint_id, file_id, status, attempts,"
                        + " next_attempt_at, created_at)"
                        + " SELECT :notification, e.id, :fileId, CASE WHEN EXISTS (SELECT 1 FROM delivery o"
                        + "   WHERE o.endpoint_id = e.id AND o.file_id = :fileId"
                        + "   AND o.status IN ('WAITING', 'PENDING', 'SENDING')) THEN 'WAITING' ELSE 'PENDING' END,"
                        + " 0, :now, :now FROM notify_endpoint e"
                        + " WHERE e.retired_at IS NULL AND (e.types = '*' OR e.types LIKE :pattern)")
                .bind("notification", notification)
                .bind("fileId", Text.storable(fileId))
                .bind("now", now)
                .bind("pattern", "%," + type.wireName() + ",%")
                .execute();
    }

    /** Each media's sequence moved to its last notification written. */
    private void updateSequences(Map<String, Long> sequences) {
        for (List<Map.Entry<String, Long>> chunk : chunks(List.copyOf(sequences.entrySet()))) {
            String sql = "UPDATE media SET notify_seq = CASE file_id" + " WHEN ? THEN ?".repeat(chunk.size()) + " END"
                    + " WHERE file_id IN (" + rows(chunk.size(), n -> "?") + ")";
            jdbc("move " + chunk.size() + " media sequences", sql, update -> {
                int p = 1;
                for (Map.Entry<String, Long> e : chunk) {
                    update.setString(p++, Text.storable(e.getKey()));
                    update.setLong(p++, e.getValue());
                }
                for (Map.Entry<String, Long> e : chunk) {
                    update.setString(p++, Text.storable(e.getKey()));
                }
                return update.executeUpdate();
            });
        }
    }

    /**
     * Whether an endpoint wants this type: without one, the delivery insert is not run at all (it cost more than
     * the notification itself). The insert decides per endpoint again, by the same rule.
     */
    private boolean wanted(NotificationType type) {
        String pattern = "," + type.wireName() + ",";
        return endpointTypes.stream().anyMatch(t -> t.equals("*") || t.contains(pattern));
    }

    /** The media of these files that exist, locked (PostgreSQL) in file id order, by file id. */
    private Map<String, MediaRow> lockMedia(Collection<String> fileIds) {
        Map<String, MediaRow> media = new HashMap<>();
        for (List<String> files : chunks(fileIds.stream().map(Text::storable).sorted().toList())) {
            jdbc("lock " + files.size() + " media", "SELECT file_id, state, notify_seq, name, media_url,"
                    + " procedure_task_id FROM media WHERE file_id IN (" + rows(files.size(), n -> "?") + ")"
                    + " ORDER BY file_id" + dialect.forUpdate(), select -> {
                        for (int i = 0; i < files.size(); i++) {
                            select.setString(i + 1, files.get(i));
                        }
                        try (ResultSet rs = select.executeQuery()) {
                            while (rs.next()) {
                                media.put(rs.getString(1), new MediaRow(MediaState.valueOf(rs.getString(2)),
                                        rs.getLong(3), Optional.ofNullable(rs.getString(4)),
                                        Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6))));
                            }
                        }
                        return null;
                    });
        }
        return media;
    }

    /** The tasks the changes name and the outputs of the media whose task flow ended, for the notices to come. */
    private void readTasksAndOutputs(Map<String, List<Change>> reported) {
        List<String> taskIds = new ArrayList<>();
        List<String> ended = new ArrayList<>();
        reported.forEach((fileId, c) -> c.forEach(change -> {
            switch (change) {
                case Processing p -> taskIds.add(p.taskId());
                case Ended e -> {
                    taskIds.add(e.taskId());
                    ended.add(fileId);
                }
                default -> { }
            }
        }));
        tasks = new HashMap<>();
        for (List<String> ids : chunks(taskIds.stream().distinct().toList())) {
            MediaStore.tasks(storage, handle, ids).forEach(t -> tasks.put(t.taskId(), t));
        }
        outputs = new HashMap<>();
        for (List<String> files : chunks(ended.stream().distinct().toList())) {
            outputs.putAll(MediaStore.outputs(storage, handle, files));
        }
    }


    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private <T> T jdbc(String what, String sql, Storage.StatementUse<T> use) {
        return storage.statement(handle, what, sql, use);
    }
}
