package dev.vodhook.emulator;

/** Root of the emulator's unchecked exceptions. */
public class EmulatorException extends RuntimeException {

    public EmulatorException(String message) {
        super(message);
    }

    public EmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
