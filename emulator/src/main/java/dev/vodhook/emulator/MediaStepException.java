package dev.vodhook.emulator;

/**
 * A sub-task cannot do what was asked of this media (e.g. a time range beyond its end): reported as a {@code FAIL}
 * sub-task with these codes.
 *
 * @see ProcedureRunner
 */
final class MediaStepException extends EmulatorException {

    /** ErrCode for input the media cannot satisfy. */
    static final long INVALID_INPUT = 40000;

    private final long errCode;
    private final String errCodeExt;

    MediaStepException(long errCode, String errCodeExt, String message) {
        super(message);
        this.errCode = errCode;
        this.errCodeExt = errCodeExt;
    }

    static MediaStepException invalidInput(String message) {
        return new MediaStepException(INVALID_INPUT, "InvalidInput", message);
    }

    long errCode() {
        return errCode;
    }

    String errCodeExt() {
        return errCodeExt;
    }
}
