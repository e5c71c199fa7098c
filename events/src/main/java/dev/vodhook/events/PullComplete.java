package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code PullComplete} event: a PullUpload task ended. On success the pulled file is a new media
 * ({@code fileId}); on failure {@code errCode} says why (40000 bad input, 60000 source file, 70000 internal).
 *
 * @param procedureTaskId the task flow the pull started because it named a Procedure; empty when none
 */
public record PullComplete(String taskId, String status, long errCode, String message, String fileId, String name,
                           String mediaUrl, String procedureTaskId, String sessionId, String sessionContext) {

    public static PullComplete from(VodEvent event) {
        Views.require(event, "PullComplete");
        JsonNode p = event.payload();
        JsonNode info = Json.object(p, "MediaBasicInfo", "mediaBasicInfo");
        return new PullComplete(
                Views.taskId(event),
                Json.textOr(p, "", "Status", "status"),
                Json.longOr(p, 0, "ErrCode", "errCode"),
                Json.textOr(p, "", "Message", "message"),
                event.fileId().orElse(""),
                Json.textOr(info, "", "Name", "name"),
                Json.textOr(info, Json.textOr(p, "", "FileUrl", "fileUrl"), "MediaUrl", "mediaUrl"),
                Json.textOr(p, "", "ProcedureTaskId", "procedureTaskId"),
                Json.textOr(p, "", "SessionId", "sessionId"),
                Json.textOr(p, "", "SessionContext", "sessionContext"));
    }

    /** The task has ended ({@code FINISH} or {@code ABORTED}), successfully or not. */
    public boolean finished() {
        return Views.finished(status);
    }

    /** Finished without an error and with the new media's FileId. */
    public boolean succeeded() {
        return Views.finishedNormally(status) && errCode == 0 && !fileId.isBlank();
    }
}
