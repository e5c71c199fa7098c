package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.api.IsoTime;

/**
 * The output of DescribeTaskDetail: the {@code TaskType} and exactly one task field (e.g. {@code ProcedureTask} for a
 * task flow, {@code PullUploadTask} for a pull); the task fields of other types are null, as in the cloud's answers.
 */
public record TaskDetailView(String taskType, String status, String createTime, String beginProcessTime,
        String finishTime,
                  ProcedureTaskView procedureTask, Object editMediaTask, Object wechatPublishTask,
                  Object composeMediaTask, Object splitMediaTask, Object wechatMiniProgramPublishTask,
                  Object pullUploadTask, Object transcodeTask, Object concatTask, Object clipTask,
                  Object createImageSpriteTask, Object snapshotByTimeOffsetTask, Object removeWatermarkTask,
                  Object extractTraceWatermarkTask, Object reviewAudioVideoTask, Object reduceMediaBitrateTask,
                  Object describeFileAttributesTask) {

    static final String PULL_UPLOAD = "PullUpload";
    static final String EDIT_MEDIA = "EditMedia";
    static final String COMPOSE_MEDIA = "ComposeMedia";

    static TaskDetailView of(ProcedureTask t) {
        return new TaskDetailView("Procedure", t.status(), IsoTime.format(t.createTime()),
                t.beginProcessTime().map(IsoTime::format).orElse(""), t.finishTime().map(IsoTime::format).orElse(""),
                ProcedureTaskView.of(t), null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /** A single task of {@code taskType} ({@link #PULL_UPLOAD}, {@link #EDIT_MEDIA}, {@link #COMPOSE_MEDIA}). */
    static TaskDetailView of(String taskType, TaskState state, Object view) {
        return new TaskDetailView(taskType, state.status(), IsoTime.format(state.createTime()), state.beginText(),
                state.finishText(), null, EDIT_MEDIA.equals(taskType) ? view : null, null,
                COMPOSE_MEDIA.equals(taskType) ? view : null, null, null, PULL_UPLOAD.equals(taskType) ? view : null,
                null, null, null, null, null, null, null, null, null, null);
    }
}
