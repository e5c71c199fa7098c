package dev.vodhook.events;

/** The bytes are not a VOD event notification; the message says why, in words fit for an HTTP 400. */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String reason) {
        super(reason);
    }

    public MalformedEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
