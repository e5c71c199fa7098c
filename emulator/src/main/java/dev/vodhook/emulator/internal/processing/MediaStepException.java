package dev.vodhook.emulator.internal.processing;

import dev.vodhook.emulator.EmulatorException;
import dev.vodhook.emulator.internal.tasks.ProcedureRunner;
import dev.vodhook.emulator.internal.tasks.SingleTaskRunner;

/**
 * A sub-task or task cannot do what was asked of this media (a time range beyond its end, a source that is not
 * media): reported as a {@code FAIL} sub-task, or a {@code FINISH}ed task, with these codes.
 *
 * @see ProcedureRunner
 * @see SingleTaskRunner
 */
public final class MediaStepException extends EmulatorException {

    /** ErrCode for input the media cannot satisfy. */
    static final long INVALID_INPUT = 40000;

    private final long errCode;
    private final String errCodeExt;

    MediaStepException(long errCode, String errCodeExt, String message) {
        super(message);
        this.errCode = errCode;
        this.errCodeExt = errCodeExt;
    }

    public static MediaStepException sourceFileError(String message) {
        return new MediaStepException(ProcedureRunner.SOURCE_FILE_ERROR, "SourceFileError", "source file error: "
                + message);
    }

    public static MediaStepException invalidInput(String message) {
        return new MediaStepException(INVALID_INPUT, "InvalidInput", message);
    }

    public long errCode() {
        return errCode;
    }

    public String errCodeExt() {
        return errCodeExt;
    }
}
