package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code EditMediaComplete} event: an EditMedia task (clip and splice) ended. On success its output is a new
 * media; {@code inputFileIds} are the media it was cut from. Read from {@code EditMediaCompleteEvent} and from the
 * {@code EditMediaComplete} key that VOD's own doc sample uses.
 */
public record EditMediaComplete(String taskId, String status, long errCode, String errCodeExt, String message,
                                List<String> inputFileIds, ProducedMedia output, String procedureTaskId,
                                String sessionId, String sessionContext) {

    public static EditMediaComplete from(VodEvent event) {
        Views.require(event, "EditMediaComplete");
        JsonNode p = event.payload();
        List<String> inputs = new ArrayList<>();
        for (JsonNode file : Json.object(p, "Input", "input").path("FileInfoSet")) {
            Json.text(file, "FileId", "fileId").filter(id -> !id.isBlank()).ifPresent(inputs::add);
        }
        return new EditMediaComplete(
                Views.taskId(event),
                Json.textOr(p, "", "Status", "status"),
                Json.longOr(p, 0, "ErrCode", "errCode"),
                Json.textOr(p, "", "ErrCodeExt", "errCodeExt"),
                Json.textOr(p, "", "Message", "message"),
                List.copyOf(inputs),
                ProducedMedia.from(Json.object(p, "Output", "output")),
                Json.textOr(p, "", "ProcedureTaskId", "procedureTaskId"),
                Json.textOr(p, "", "SessionId", "sessionId"),
                Json.textOr(p, "", "SessionContext", "sessionContext"));
    }

    /** The task has ended ({@code FINISH} or {@code ABORTED}), successfully or not. */
    public boolean finished() {
        return Views.finished(status);
    }

    /** Finished without an error code and with a produced FileId. */
    public boolean succeeded() {
        return Views.finishedNormally(status) && errCode == 0 && errCodeExt.isBlank() && output.exists();
    }
}
