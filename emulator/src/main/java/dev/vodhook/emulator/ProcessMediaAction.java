package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * ProcessMedia: validates the FileId, the templates, the lengths and the SessionId, then starts a task flow and
 * answers its TaskId ({@code <appid>-procedurev2-<32hex>t0}) at once; the work runs in the background.
 */
final class ProcessMediaAction implements ApiAction {

    private static final Set<String> NOTIFY_MODES = Set.of("Finish", "Change", "None");

    private final MediaRepository media;
    private final SessionIds sessionIds;
    private final ProcedureRunner runner;

    ProcessMediaAction(MediaRepository media, SessionIds sessionIds, ProcedureRunner runner) {
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
    public String name() {
        return "ProcessMedia";
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Param.required(r.fileId(), "FileId");
        Media m = media.find(r.fileId()).filter(x -> x.subAppId() == request.subAppId())
                .orElseThrow(() -> VodApiException.invalidValue("FileId", "FileId", r.fileId() + " does not exist"));
        if (m.originalKey().isEmpty()) {
            throw new VodApiException(VodApiException.FAILED_OPERATION,
                    "The original file of " + m.fileId() + " was deleted; it can no longer be processed.");
        }
        List<SubTaskSpec> plan = ProcessingPlan.parse(r.mediaProcessTask());
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
        String taskId = runner.start(m, plan, new ProcedureRunner.Options(priority, notifyMode,
                r.sessionContext() == null ? "" : r.sessionContext(), sessionId, ""));
        return new Response(taskId);
    }
}
