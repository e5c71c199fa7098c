package dev.vodhook.emulator.internal.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.events.EmittedEvent;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MetaData;
import java.util.Optional;

/**
 * A ComposeMedia task: the tracks, canvas and output asked for ({@code Input}, echoed) and, once done, the media.
 *
 * @param media the created media as it was when the composition finished; empty until then, or when it failed
 */
public record ComposeMediaTask(String taskId, long subAppId, TaskState state, JsonNode input, Optional<Media> media,
                        String sessionId, String sessionContext) implements SingleTask<ComposeMediaTask> {

    /** VOD's {@code ComposeMediaTask}, as in ComposeMediaComplete and DescribeTaskDetail. */
    public record View(String taskId, String status, long errCode, String message, long progress, JsonNode input,
                NewFileOutput output, MetaData metaData, String sessionId, String sessionContext) {
    }

    public ComposeMediaTask withMedia(Media created) {
        return new ComposeMediaTask(taskId, subAppId, state, input, Optional.of(created), sessionId, sessionContext);
    }

    @Override
    public ComposeMediaTask withState(TaskState next) {
        return new ComposeMediaTask(taskId, subAppId, next, input, media, sessionId, sessionContext);
    }

    public View view() {
        return new View(taskId, state.status(), state.errCode(), state.message(), state.progress(), input,
                media.map(NewFileOutput::of).orElse(null), media.map(Media::metaData).orElse(null), sessionId,
                sessionContext);
    }

    @Override
    public TaskDetailView detail() {
        return TaskDetailView.of(TaskDetailView.COMPOSE_MEDIA, state, view());
    }

    @Override
    public EmittedEvent completeEvent() {
        return EventContents.composeMediaComplete(this);
    }
}
