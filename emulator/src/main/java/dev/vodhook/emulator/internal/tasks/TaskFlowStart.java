package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaRepository;
import java.util.Set;

/**
 * What ProcessMedia and ProcessMediaByProcedure share: the media must be the caller's and still have its original,
 * and the task flow options are checked the same way, the SessionId claimed last so that a refused request never
 * uses one up.
 */
public record TaskFlowStart(Long tasksPriority, String tasksNotifyMode, String sessionContext, String sessionId) {

    private static final Set<String> NOTIFY_MODES = Set.of("Finish", "Change", "None");

    /** The caller's media named by FileId, which must still have its original file. */
    public static Media processable(MediaRepository media, long subAppId, String fileId) {
        Param.required(fileId, "FileId");
        Media m = media.find(subAppId, fileId)
                .orElseThrow(() -> LocalVodApiError.invalidValue("FileId", "FileId", fileId + " does not exist"));
        if (m.originalKey().isEmpty()) {
            throw new LocalVodApiError(LocalVodApiError.FAILED_OPERATION,
                    "The original file of " + m.fileId() + " was deleted; it can no longer be processed.");
        }
        return m;
    }

    /** Checks the options, then claims the SessionId; the runner's options. */
    public ProcedureRunner.Options check(long subAppId, UsedSessionIds sessionIds) {
        String session = Param.sessionId(sessionId);
        String context = Param.sessionContext(sessionContext);
        String notifyMode = tasksNotifyMode == null || tasksNotifyMode.isEmpty() ? "Finish" : tasksNotifyMode;
        Param.oneOf(notifyMode, NOTIFY_MODES, "TasksNotifyMode");
        long priority = Param.priority(tasksPriority);
        sessionIds.claimOrRefuse("", subAppId, session, "no task was started");
        return new ProcedureRunner.Options(priority, notifyMode, context, session, "");
    }
}
