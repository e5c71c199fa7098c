package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.api.IsoTime;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a single task (PullUpload, EditMedia, ComposeMedia) stands: {@code WAITING}, {@code PROCESSING}, then
 * {@code FINISH} with {@code ErrCode} 0 and Message {@code SUCCESS}, or an error code (40000 bad input, 60000 source
 * file error, 70000 internal error) and the reason.
 */
public record TaskState(String status, long errCode, String errCodeExt, String message, int progress,
        Instant createTime,
                 Optional<Instant> beginProcessTime, Optional<Instant> finishTime) {

    static final String WAITING = "WAITING";
    static final String PROCESSING = "PROCESSING";
    public static final String FINISH = "FINISH";

    public static TaskState waiting(Instant now) {
        return new TaskState(WAITING, 0, "", "", 0, now, Optional.empty(), Optional.empty());
    }

    TaskState processing(Instant now) {
        return new TaskState(PROCESSING, 0, "", "", 0, createTime, Optional.of(now), Optional.empty());
    }

    TaskState succeeded(Instant now) {
        return new TaskState(FINISH, 0, "", "SUCCESS", 100, createTime, beginProcessTime.or(() -> Optional.of(now)),
                Optional.of(now));
    }

    TaskState failed(long code, String codeExt, String reason, Instant now) {
        return new TaskState(FINISH, code, codeExt, reason, 100, createTime, beginProcessTime.or(() ->
                Optional.of(now)),
                Optional.of(now));
    }

    boolean succeeded() {
        return FINISH.equals(status) && errCode == 0;
    }

    String beginText() {
        return beginProcessTime.map(IsoTime::format).orElse("");
    }

    String finishText() {
        return finishTime.map(IsoTime::format).orElse("");
    }
}
