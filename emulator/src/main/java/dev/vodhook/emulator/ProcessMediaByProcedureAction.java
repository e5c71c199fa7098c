package dev.vodhook.emulator;

import java.util.Set;

/**
 * ProcessMediaByProcedure: starts a task flow template (a preset, or one the application made with
 * CreateProcedureTemplate: {@link ProcedureTemplates}) on a media, with
 * the checks and the SessionId dedup of ProcessMedia, and answers its TaskId at once; the flow runs and reports
 * (ProcedureStateChanged per {@code TasksNotifyMode}) exactly as one started by ProcessMedia. An unknown template
 * is {@code InvalidParameterValue.ProcedureName}, the code the cloud's SDKs list for this action.
 */
final class ProcessMediaByProcedureAction implements ApiAction {

    private static final Set<String> NOTIFY_MODES = Set.of("Finish", "Change", "None");

    private final MediaRepository media;
    private final SessionIds sessionIds;
    private final ProcedureRunner runner;
    private final ProcedureTemplates templates;

    ProcessMediaByProcedureAction(MediaRepository media, SessionIds sessionIds, ProcedureRunner runner,
                                  ProcedureTemplates templates) {
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
    public String name() {
        return "ProcessMediaByProcedure";
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Param.required(r.fileId(), "FileId");
        String name = Param.required(r.procedureName(), "ProcedureName");
        Media m = media.find(r.fileId()).filter(x -> x.subAppId() == request.subAppId())
                .orElseThrow(() -> VodApiException.invalidValue("FileId", "FileId", r.fileId() + " does not exist"));
        Procedure procedure = templates.find(request.subAppId(), name).orElseThrow(() -> VodApiException.invalidValue("ProcedureName",
                "ProcedureName", "no task flow template named '" + name + "'"));
        if (m.originalKey().isEmpty()) {
            throw new VodApiException(VodApiException.FAILED_OPERATION,
                    "The original file of " + m.fileId() + " was deleted; it can no longer be processed.");
        }
        Param.maxLength(r.sessionId(), 50, "SessionId", VodApiException.INVALID_PARAMETER_VALUE + ".SessionIdTooLong");
        Param.maxLength(r.sessionContext(), 1000, "SessionContext",
                VodApiException.INVALID_PARAMETER_VALUE + ".SessionContextTooLong");
        String notifyMode = r.tasksNotifyMode() == null || r.tasksNotifyMode().isEmpty() ? "Finish" : r.tasksNotifyMode();
        Param.oneOf(notifyMode, NOTIFY_MODES, "TasksNotifyMode");
        long priority = r.tasksPriority() == null ? 0 : r.tasksPriority();
        if (priority < -10 || priority > 10) {
            throw VodApiException.invalidValue("TasksPriority", "must be between -10 and 10");
        }
        String sessionId = r.sessionId() == null ? "" : r.sessionId();
        if (!sessionId.isEmpty() && !sessionIds.claim(request.subAppId(), sessionId)) {
            throw VodApiException.invalidValue("SessionId", "SessionId",
                    "'" + sessionId + "' was already used within the dedup window; no task was started");
        }
        String taskId = runner.start(m, ProcessingPlan.parse(procedure.mediaProcessTask()),
                new ProcedureRunner.Options(priority, notifyMode, r.sessionContext() == null ? "" : r.sessionContext(),
                        sessionId, ""));
        return new Response(taskId);
    }
}
