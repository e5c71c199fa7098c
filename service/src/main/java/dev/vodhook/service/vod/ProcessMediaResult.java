package dev.vodhook.service.vod;

import java.util.Optional;

/**
 * What ProcessMedia did: started a task ({@code taskId}), or recognised the SessionId as one it had
 * already started within its dedup window ({@code alreadySubmitted}; VOD does not say which task).
 */
public record ProcessMediaResult(Optional<String> taskId, boolean alreadySubmitted, String requestId) {

    public static ProcessMediaResult started(String taskId, String requestId) {
        return new ProcessMediaResult(Optional.of(taskId), false, requestId);
    }

    public static ProcessMediaResult alreadySubmitted(String requestId) {
        return new ProcessMediaResult(Optional.empty(), true, requestId);
    }
}
