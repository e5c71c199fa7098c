package dev.vodhook.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.events.EmittedEvent;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MetaData;
import java.util.Optional;

/**
 * An EditMedia task: the clips asked for ({@code Input}, echoed) and, once done, the media they became.
 *
 * @param media the created media as it was when the edit finished; empty until then, or when it failed
 */
public record EditMediaTask(String taskId, long subAppId, TaskState state, JsonNode input, Optional<Media> media,
                     String procedureTaskId, String sessionId, String sessionContext)
        implements SingleTask<EditMediaTask> {

    /** VOD's {@code EditMediaTask}, as in EditMediaComplete and DescribeTaskDetail. */
    public record View(String taskId, String status, long errCode, String errCodeExt, String message, long progress,
                JsonNode input, NewFileOutput output, MetaData metaData, String procedureTaskId,
                String reviewAudioVideoTaskId, String sessionId, String sessionContext) {
    }

    public EditMediaTask withMedia(Media created, String procedureTask) {
        return new EditMediaTask(taskId, subAppId, state, input, Optional.of(created), procedureTask, sessionId,
                sessionContext);
    }

    @Override
    public EditMediaTask withState(TaskState next) {
        return new EditMediaTask(taskId, subAppId, next, input, media, procedureTaskId, sessionId, sessionContext);
    }

    public View view() {
        return new View(taskId, state.status(), state.errCode(), state.errCodeExt(), state.message(), state.progress(),
                input, media.map(NewFileOutput::of).orElse(null), media.map(Media::metaData).orElse(null),
                procedureTaskId, "", sessionId, sessionContext);
    }

    @Override
    public TaskDetailView detail() {
        return TaskDetailView.of(TaskDetailView.EDIT_MEDIA, state, view());
    }

    @Override
    public EmittedEvent completeEvent() {
        return EventContents.editMediaComplete(this);
    }
}
