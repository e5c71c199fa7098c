package dev.vodhook.service.reconcile;

import java.util.Locale;
import java.util.Optional;

/**
 * VOD's answer to DescribeTaskDetail.
 *
 * @param taskType  {@code Procedure}, {@code PullUpload}, {@code EditMedia}, ...
 * @param status    {@code WAITING}, {@code PROCESSING}, {@code FINISH} or {@code ABORTED}
 * @param eventBody the body of the event VOD sends for the task in this state (ProcedureStateChanged for a
 *                  {@code Procedure}), built from the answer; empty for task types vodhook does not record
 * @param requestId VOD's RequestId of the answer
 */
public record TaskDetail(String taskType, String status, Optional<String> eventBody, String requestId) {

    /** FINISH or ABORTED: nothing more will happen to the task. */
    public boolean ended() {
        String s = status == null ? "" : status.toUpperCase(Locale.ROOT);
        return s.equals("FINISH") || s.equals("ABORTED");
    }
}
