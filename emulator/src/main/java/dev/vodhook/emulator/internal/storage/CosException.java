package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.EmulatorException;

/** A COS-style storage error: answered with {@code status} and an XML {@code <Error>} body. */
public class CosException extends EmulatorException {

    private final int status;
    private final String code;

    CosException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    String code() {
        return code;
    }

    static CosException accessDenied(String message) {
        return new CosException(403, "AccessDenied", message);
    }
}
