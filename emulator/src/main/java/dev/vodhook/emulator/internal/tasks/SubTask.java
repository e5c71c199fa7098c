package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.media.MediaTranscodeItem;
import dev.vodhook.emulator.internal.processing.SubTaskSpec;
import java.time.Instant;
import java.util.Optional;

/**
 * The state of one sub-task.
 *
 * @param status     {@code PROCESSING}, {@code SUCCESS} or {@code FAIL}
 * @param errCode    0 on success; 60000 source file error, 70000 internal error
 * @param errCodeExt {@code ""} on success, else a short code such as {@code SourceFileError}
 * @param output     the VOD output object (e.g. {@link MediaTranscodeItem}); present only on success
 */
public record SubTask(SubTaskSpec spec, String status, long errCode, String errCodeExt, String message, int progress,
               Optional<Instant> beginProcessTime, Optional<Instant> finishTime, Optional<Object> output) {

    static final String PROCESSING = "PROCESSING";
    static final String SUCCESS = "SUCCESS";
    static final String FAIL = "FAIL";

    static SubTask waiting(SubTaskSpec spec) {
        return new SubTask(spec, PROCESSING, 0, "", "", 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    SubTask started(Instant now) {
        return new SubTask(spec, PROCESSING, 0, "", "", 0, Optional.of(now), Optional.empty(), Optional.empty());
    }

    SubTask succeeded(Object result, Instant now) {
        return new SubTask(spec, SUCCESS, 0, "", "SUCCESS", 100, beginProcessTime.or(() -> Optional.of(now)),
                Optional.of(now), Optional.of(result));
    }

    SubTask failed(long code, String codeExt, String reason, Instant now) {
        return new SubTask(spec, FAIL, code, codeExt, reason, 100, beginProcessTime.or(() -> Optional.of(now)),
                Optional.of(now), Optional.empty());
    }

    boolean done() {
        return !PROCESSING.equals(status);
    }
}
