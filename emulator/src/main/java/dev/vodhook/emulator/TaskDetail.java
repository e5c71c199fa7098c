package dev.vodhook.emulator;

/**
 * The output of DescribeTaskDetail: the {@code TaskType} and exactly one task field ({@code ProcedureTask} for a task flow); the
 * task fields of other types are null, as in the cloud's answers.
 */
record TaskDetail(String taskType, String status, String createTime, String beginProcessTime, String finishTime,
                  ProcedureTaskView procedureTask, Object editMediaTask, Object wechatPublishTask,
                  Object composeMediaTask, Object splitMediaTask, Object wechatMiniProgramPublishTask,
                  Object pullUploadTask, Object transcodeTask, Object concatTask, Object clipTask,
                  Object createImageSpriteTask, Object snapshotByTimeOffsetTask, Object removeWatermarkTask,
                  Object extractTraceWatermarkTask, Object reviewAudioVideoTask, Object reduceMediaBitrateTask,
                  Object describeFileAttributesTask) {

    static TaskDetail of(ProcedureTask t) {
        return new TaskDetail("Procedure", t.status(), IsoTime.format(t.createTime()),
                t.beginProcessTime().map(IsoTime::format).orElse(""), t.finishTime().map(IsoTime::format).orElse(""),
                ProcedureTaskView.of(t), null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
