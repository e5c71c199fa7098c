package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.events.EmittedEvent;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaBasicInfo;
import dev.vodhook.emulator.internal.media.MetaData;
import java.util.Optional;

/**
 * A PullUpload: the URL to fetch and, once done, the media it became (and the task flow that media started).
 *
 * @param media           the created media as it was when the pull finished; empty until then, or when it failed
 * @param procedureTaskId the TaskId of the {@code Procedure} started on the media, {@code ""} if none
 */
public record PullUploadTask(String taskId, long subAppId, TaskState state, String mediaUrl, String sessionContext,
                      String sessionId, Optional<Media> media, String procedureTaskId)
        implements SingleTask<PullUploadTask> {

    /** VOD's {@code PullUploadTask}, as in PullComplete and DescribeTaskDetail. */
    public record View(String taskId, String status, long errCode, String message, String fileId,
                MediaBasicInfo mediaBasicInfo, MetaData metaData, String fileUrl, String procedureTaskId,
                String reviewAudioVideoTaskId, String sessionContext, String sessionId, long progress) {
    }

    public PullUploadTask withMedia(Media created, String procedureTask) {
        return new PullUploadTask(taskId, subAppId, state, mediaUrl, sessionContext, sessionId, Optional.of(created),
                procedureTask);
    }

    @Override
    public PullUploadTask withState(TaskState next) {
        return new PullUploadTask(taskId, subAppId, next, mediaUrl, sessionContext, sessionId, media, procedureTaskId);
    }

    public View view() {
        return new View(taskId, state.status(), state.errCode(), state.message(),
                media.map(Media::fileId).orElse(""), media.map(MediaBasicInfo::of).orElse(null),
                media.map(Media::metaData).orElse(null), media.map(Media::mediaUrl).orElse(""), procedureTaskId, "",
                sessionContext, sessionId, state.progress());
    }

    @Override
    public TaskDetailView detail() {
        return TaskDetailView.of(TaskDetailView.PULL_UPLOAD, state, view());
    }

    @Override
    public EmittedEvent completeEvent() {
        return EventContents.pullComplete(this);
    }
}
