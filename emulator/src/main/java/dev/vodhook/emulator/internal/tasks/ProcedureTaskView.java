package dev.vodhook.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.internal.api.IsoTime;
import dev.vodhook.emulator.internal.media.MetaData;
import dev.vodhook.emulator.internal.processing.SubTaskSpec;
import java.util.List;

/** VOD's {@code ProcedureTask} as it appears in ProcedureStateChanged and DescribeTaskDetail. */
public record ProcedureTaskView(String taskId, String status, long errCode, String message, String fileId,
        String fileName,
                         String fileUrl, MetaData metaData, List<MediaProcessTaskResult> mediaProcessResultSet,
                         List<Object> aiContentReviewResultSet, List<Object> aiAnalysisResultSet,
                         List<Object> aiRecognitionResultSet, long tasksPriority, String tasksNotifyMode,
                         String sessionContext, String sessionId, String operator, String operationType) {

    /** One entry of {@code MediaProcessResultSet}: the type and exactly one non-null task field. */
    record MediaProcessTaskResult(String type, SubTaskResult transcodeTask, SubTaskResult animatedGraphicTask,
                                  SubTaskResult snapshotByTimeOffsetTask, SubTaskResult sampleSnapshotTask,
                                  SubTaskResult imageSpriteTask, SubTaskResult coverBySnapshotTask,
                                  SubTaskResult adaptiveDynamicStreamingTask) {
    }

    /** The fields every sub-task shares; {@code Output} is null unless the sub-task succeeded. */
    record SubTaskResult(String status, String errCodeExt, long errCode, String message, long progress,
                         String beginProcessTime, String finishTime, JsonNode input, Object output) {
    }

    /** CoverBySnapshot's output. */
    public record CoverOutput(String coverUrl) {
    }

    public static ProcedureTaskView of(ProcedureTask t) {
        return new ProcedureTaskView(t.taskId(), t.status(), 0, "", t.fileId(), t.fileName(), t.fileUrl(),
                t.metaData(), t.subTasks().stream().map(ProcedureTaskView::result).toList(), List.of(), List.of(),
                List.of(), t.tasksPriority(), t.tasksNotifyMode(), t.sessionContext(), t.sessionId(), t.operator(), "");
    }

    private static MediaProcessTaskResult result(SubTask s) {
        SubTaskResult r = new SubTaskResult(s.status(), s.errCodeExt(), s.errCode(), s.message(), s.progress(),
                s.beginProcessTime().map(IsoTime::format).orElse(null),
                s.finishTime().map(IsoTime::format).orElse(null), s.spec().input(), s.output().orElse(null));
        String type = s.spec().type();
        return switch (type) {
            case SubTaskSpec.TRANSCODE -> new MediaProcessTaskResult(type, r, null, null, null, null, null, null);
            case SubTaskSpec.ANIMATED_GRAPHICS -> new MediaProcessTaskResult(type, null, r, null, null, null, null,
                    null);
            case SubTaskSpec.SNAPSHOT_BY_TIME_OFFSET ->
                    new MediaProcessTaskResult(type, null, null, r, null, null, null, null);
            case SubTaskSpec.SAMPLE_SNAPSHOT -> new MediaProcessTaskResult(type, null, null, null, r, null, null, null);
            case SubTaskSpec.IMAGE_SPRITES -> new MediaProcessTaskResult(type, null, null, null, null, r, null, null);
            case SubTaskSpec.COVER_BY_SNAPSHOT -> new MediaProcessTaskResult(type, null, null, null, null, null, r,
                    null);
            case SubTaskSpec.ADAPTIVE_DYNAMIC_STREAMING ->
                    new MediaProcessTaskResult(type, null, null, null, null, null, null, r);
            default -> throw new IllegalStateException("no result field for sub-task type " + type);
        };
    }
}
