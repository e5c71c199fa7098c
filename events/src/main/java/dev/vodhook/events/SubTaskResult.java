package dev.vodhook.events;

import java.util.List;
import java.util.OptionalInt;

/**
 * The result of one sub-task of a task flow ({@code MediaProcessResultSet[i]}). Success is decided here,
 * per sub-task: a flow can finish with some sub-tasks failed.
 */
public record SubTaskResult(String type, String status, long errCode, String errCodeExt, String message, int progress,
                            OptionalInt definition, List<MediaOutput> outputs) {

    public boolean succeeded() {
        return "SUCCESS".equalsIgnoreCase(status) && errCode == 0 && errCodeExt.isEmpty();
    }

    public boolean failed() {
        return "FAIL".equalsIgnoreCase(status) || (!"PROCESSING".equalsIgnoreCase(status) && !succeeded());
    }
}
