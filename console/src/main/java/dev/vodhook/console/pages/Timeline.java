package dev.vodhook.console.pages;

import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A media's story in the order it happened: every event about its FileId as vodhook received it and handled it,
 * interleaved with what vodhook did about it: the task flows it started (TaskId, SessionId), the reconciler's
 * last question to VOD about each, and the verify-uploads decision not to start anything.
 *
 * @param entries oldest first
 */
public record Timeline(List<Entry> entries, boolean truncated) {

    /**
     * One thing that happened.
     *
     * @param kind   {@code event} (something VOD told vodhook) or {@code action} (something vodhook did)
     * @param link   the event's page, for an event
     * @param status the event's or task's status now, if it has one
     */
    public record Entry(Instant at, String kind, String title, String detail, Optional<String> link,
            Optional<String> status) {}

    /**
     * @param startedWith how vodhook starts work on an upload, for naming it: ProcessMedia or ProcessMediaByProcedure
     */
    static Timeline of(Optional<MediaView> media, List<EventSummary> events, boolean truncated, String startedWith) {
        List<Entry> entries = new ArrayList<>();
        for (EventSummary e : events) {
            String link = "/events/" + e.id();
            entries.add(new Entry(e.receivedAt(), "event", e.eventType() + " received (" + e.source() + ")",
                    "event " + e.id() + e.taskId().map(t -> ", TaskId " + t).orElse(""), Optional.of(link),
                    Optional.of(e.status().name())));
            if (e.status() == EventStatus.DONE && e.processedAt().isPresent()) {
                entries.add(new Entry(e.processedAt().get(), "action", e.eventType() + " handled",
                        "event " + e.id() + " after " + e.attempts() + " attempt(s)", Optional.of(link), Optional.empty()));
            } else if (e.status() == EventStatus.DEAD && e.processedAt().isPresent()) {
                entries.add(new Entry(e.processedAt().get(), "action", e.eventType() + " given up (DEAD)",
                        "after " + e.attempts() + " attempt(s): " + e.lastError().orElse(""), Optional.of(link),
                        Optional.of("DEAD")));
            } else if (e.status() == EventStatus.PENDING && e.lastError().isPresent()) {
                entries.add(new Entry(e.nextAttemptAt(), "action", e.eventType() + " to be tried again",
                        "attempt " + e.attempts() + " failed: " + e.lastError().get(), Optional.of(link),
                        Optional.of("PENDING")));
            }
        }
        media.ifPresent(m -> {
            entries.add(new Entry(m.createdAt(), "action", "Media recorded", "FileId " + m.fileId(), Optional.empty(),
                    Optional.empty()));
            m.skippedAt().ifPresent(at -> entries.add(new Entry(at, "action", "verify-uploads: nothing started",
                    m.skipReason().orElse(""), Optional.empty(), Optional.empty())));
            m.tasks().forEach(t -> task(entries, t, startedWith));
        });
        entries.sort(Comparator.comparing(Entry::at));
        return new Timeline(List.copyOf(entries), truncated);
    }

    private static void task(List<Entry> entries, StoredTask t, String startedWith) {
        if (t.startedByUs()) {
            entries.add(new Entry(t.createdAt(), "action", startedWith + " started",
                    "TaskId " + t.taskId() + t.sessionId().map(s -> ", SessionId " + s).orElse(""), Optional.empty(),
                    Optional.of(t.status().name())));
        } else {
            entries.add(new Entry(t.createdAt(), "action", "Task " + t.kind() + " seen",
                    "TaskId " + t.taskId() + " (started by VOD or another client)", Optional.empty(),
                    Optional.of(t.status().name())));
        }
        if (t.status().rank() >= TaskStatus.FINISH.rank()) {
            entries.add(new Entry(t.updatedAt(), "action", "Task flow " + t.status(),
                    "TaskId " + t.taskId() + (t.errCode() == 0 ? "" : ", ErrCode " + t.errCode())
                            + (t.message().isEmpty() ? "" : ": " + t.message()), Optional.empty(), Optional.empty()));
        }
        t.checkedAt().ifPresent(at -> entries.add(new Entry(at, "action",
                t.givenUpReason().isPresent() ? "Reconciler gave up on the task" : "Reconciler asked VOD (DescribeTaskDetail)",
                "TaskId " + t.taskId() + t.givenUpReason().or(t::checkError).map(r -> ": " + r).orElse(""),
                Optional.empty(), Optional.empty())));
    }
}
