package dev.vodhook.store;

/** The root of every failure the store reports: the database could not do what was asked. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
