package dev.vodhook.service.reconcile;

import dev.vodhook.events.DedupeKeys;
import dev.vodhook.events.EventParser;
import dev.vodhook.events.VodEvent;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.intake.IncomingEvents;
import dev.vodhook.service.vod.VodApiException;
import dev.vodhook.store.inbox.AppendResult;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.StoredTask;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's step for one quiet task: too old for VOD to answer (3 days) → given up with the reason;
 * otherwise claimed, asked about with DescribeTaskDetail, and an answer that says the task has ended is appended
 * to the inbox as the event VOD would have pushed ({@code source RECONCILE}). The processor then records it with
 * the very handler a pushed event goes through: one code path, the answer kept verbatim beside real events, its
 * retries and DEAD state and replay for free, and its dedupe key shared with the event, so a push that comes late
 * is a duplicate rather than a second run.
 */
public final class CheckQuietTask {
    /** DescribeTaskDetail answers only for tasks submitted within this window (vod-protocol.md §5.6). */
    static final Duration QUERYABLE_FOR = Duration.ofDays(3);
    private static final Logger log = LoggerFactory.getLogger(CheckQuietTask.class);

    /** What came of one check; {@code TAKEN} when the task was no longer quiet, or another instance had it. */
    enum Outcome { RECORDED, ALREADY_RECEIVED, STILL_RUNNING, GIVEN_UP, ERROR, TAKEN }

    private final MediaStore media;
    private final Inbox inbox;
    private final TaskDetails vod;
    private final ServiceMetrics metrics;
    private final Runnable onAppended;

    public CheckQuietTask(MediaStore media, Inbox inbox, TaskDetails vod, ServiceMetrics metrics, Runnable onAppended) {
        this.media = media;
        this.inbox = inbox;
        this.vod = vod;
        this.metrics = metrics;
        this.onAppended = onAppended;
    }

    Outcome check(StoredTask task, Instant quietSince, Instant now) {
        Outcome outcome = run(task, quietSince, now);
        if (outcome != Outcome.TAKEN) {
            metrics.reconciled(outcome.name().toLowerCase(java.util.Locale.ROOT));
        }
        return outcome;
    }

    private Outcome run(StoredTask task, Instant quietSince, Instant now) {
        String taskId = task.taskId();
        if (task.createdAt().plus(QUERYABLE_FOR).isBefore(now)) {
            String reason = "no event for " + taskId + " since " + task.updatedAt() + " and VOD answers"
                    + " DescribeTaskDetail only for tasks of the last 3 days (started " + task.createdAt() + ")";
            if (!media.giveUp(taskId, reason, now)) {
                return Outcome.TAKEN;
            }
            log.warn("Task {} (FileId {}) given up, last known {}: {}", taskId, task.fileId().orElse("(none)"),
                    task.status(), reason);
            return Outcome.GIVEN_UP;
        }
        if (!media.claimCheck(taskId, quietSince, now)) {
            return Outcome.TAKEN;
        }
        TaskDetail detail;
        try {
            detail = vod.describeTask(taskId);
        } catch (VodApiException e) {
            media.recordCheckError(taskId, e.getMessage());
            log.warn("Task {} quiet since {}: DescribeTaskDetail failed: {}; will ask again when it has been quiet"
                    + " that long again", taskId, task.updatedAt(), e.getMessage());
            return Outcome.ERROR;
        }
        if (!detail.ended()) {
            log.info("Task {} quiet since {} is still {} at VOD (RequestId {}); will ask again later", taskId,
                    task.updatedAt(), detail.status(), detail.requestId());
            return Outcome.STILL_RUNNING;
        }
        if (detail.eventBody().isEmpty()) {
            media.recordCheckError(taskId, "TaskType " + detail.taskType() + " has ended, but vodhook records no"
                    + " event for that type");
            log.warn("Task {} is {} at VOD, of TaskType {} which vodhook does not record", taskId, detail.status(),
                    detail.taskType());
            return Outcome.ERROR;
        }
        return append(taskId, detail, now);
    }

    private Outcome append(String taskId, TaskDetail detail, Instant now) {
        String body = detail.eventBody().orElseThrow();
        VodEvent event = EventParser.parse(body.getBytes(StandardCharsets.UTF_8));
        AppendResult result = inbox.append(new IncomingEvent(now, EventSource.RECONCILE, event.eventType(),
                event.format().name(), DedupeKeys.of(event), body, Map.of("x-vodhook-source",
                        "DescribeTaskDetail " + taskId, "x-vod-request-id", detail.requestId()),
                IncomingEvents.id(event, "FileId", event::fileId), Optional.of(taskId)));
        if (result.duplicate()) {
            log.info("Task {} is {} at VOD; that event is already in the inbox as event {} (RequestId {})", taskId,
                    detail.status(), result.id(), detail.requestId());
            return Outcome.ALREADY_RECEIVED;
        }
        log.info("Task {} is {} at VOD though no event came; its answer is event {} now, recorded as the event"
                + " would have been (RequestId {})", taskId, detail.status(), result.id(), detail.requestId());
        onAppended.run();
        return Outcome.RECORDED;
    }
}
