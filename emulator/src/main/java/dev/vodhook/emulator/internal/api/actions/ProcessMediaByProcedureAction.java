package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaRepository;
import dev.vodhook.emulator.internal.processing.Procedure;
import dev.vodhook.emulator.internal.processing.ProcedureTemplateRepository;
import dev.vodhook.emulator.internal.processing.ProcessingPlan;
import dev.vodhook.emulator.internal.tasks.ProcedureRunner;
import dev.vodhook.emulator.internal.tasks.TaskFlowStart;
import dev.vodhook.emulator.internal.tasks.UsedSessionIds;

/**
 * ProcessMediaByProcedure: starts a task flow template (a preset, or one the application made with
 * CreateProcedureTemplate: {@link ProcedureTemplateRepository}) on a media, with
 * the checks and the SessionId dedup of ProcessMedia, and answers its TaskId at once; the flow runs and reports
 * (ProcedureStateChanged per {@code TasksNotifyMode}) exactly as one started by ProcessMedia. An unknown template
 * is {@code InvalidParameterValue.ProcedureName}, the code the cloud's SDKs list for this action.
 */
public final class ProcessMediaByProcedureAction implements ApiAction {

    private final MediaRepository media;
    private final UsedSessionIds sessionIds;
    private final ProcedureRunner runner;
    private final ProcedureTemplateRepository templates;

    public ProcessMediaByProcedureAction(MediaRepository media, UsedSessionIds sessionIds, ProcedureRunner runner,
                                  ProcedureTemplateRepository templates) {
        this.templates = templates;
        this.media = media;
        this.sessionIds = sessionIds;
        this.runner = runner;
    }

    record Request(String fileId, String procedureName, Long tasksPriority, String tasksNotifyMode,
                   String sessionContext, String sessionId) {
    }

    record Response(String taskId) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Media m = TaskFlowStart.processable(media, request.subAppId(), r.fileId());
        String name = Param.required(r.procedureName(), "ProcedureName");
        Procedure procedure = templates.find(request.subAppId(), name).orElseThrow(() -> LocalVodApiError.invalidValue(
                "ProcedureName", "ProcedureName", "no task flow template named '" + name + "'"));
        ProcedureRunner.Options options = new TaskFlowStart(r.tasksPriority(), r.tasksNotifyMode(), r.sessionContext(),
                r.sessionId()).check(request.subAppId(), sessionIds);
        return new Response(runner.start(m, ProcessingPlan.parse(procedure.mediaProcessTask()), options));
    }
}
