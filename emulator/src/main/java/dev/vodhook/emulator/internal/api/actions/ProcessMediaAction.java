package dev.vodhook.emulator.internal.api.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaRepository;
import dev.vodhook.emulator.internal.processing.ProcessingPlan;
import dev.vodhook.emulator.internal.processing.SubTaskSpec;
import dev.vodhook.emulator.internal.tasks.ProcedureRunner;
import dev.vodhook.emulator.internal.tasks.TaskFlowStart;
import dev.vodhook.emulator.internal.tasks.UsedSessionIds;
import java.util.List;

/**
 * ProcessMedia: validates the FileId, the templates, the lengths and the SessionId, then starts a task flow and
 * answers its TaskId ({@code <appid>-procedurev2-<32hex>t0}) at once; the work runs in the background.
 */
public final class ProcessMediaAction implements ApiAction {

    private final MediaRepository media;
    private final UsedSessionIds sessionIds;
    private final ProcedureRunner runner;

    public ProcessMediaAction(MediaRepository media, UsedSessionIds sessionIds, ProcedureRunner runner) {
        this.media = media;
        this.sessionIds = sessionIds;
        this.runner = runner;
    }

    record Request(String fileId, JsonNode mediaProcessTask, Long tasksPriority, String tasksNotifyMode,
                   String sessionContext, String sessionId) {
    }

    record Response(String taskId) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Media m = TaskFlowStart.processable(media, request.subAppId(), r.fileId());
        List<SubTaskSpec> plan = ProcessingPlan.parse(r.mediaProcessTask());
        ProcedureRunner.Options options = new TaskFlowStart(r.tasksPriority(), r.tasksNotifyMode(), r.sessionContext(),
                r.sessionId()).check(request.subAppId(), sessionIds);
        return new Response(runner.start(m, plan, options));
    }
}
