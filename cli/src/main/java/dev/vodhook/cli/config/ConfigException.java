package dev.vodhook.cli.config;

/** A setting is missing, unknown or malformed; the message says which and what to do. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
