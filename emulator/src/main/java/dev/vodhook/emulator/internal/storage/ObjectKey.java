package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.EmulatorException;
import java.util.regex.Pattern;

/**
 * A validated object key such as {@code /6b7c8d9evodgzp1500012345/a1b2c3d45285890813874512345/f0.mp4}: absolute,
 * at most 1024 characters, segments of letters, digits, {@code . _ -} that do not start with a dot. That rules out
 * path traversal ({@code ..}), hidden files and anything that could escape the store's directory.
 */
public record ObjectKey(String value) {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,254}");

    public ObjectKey {
        if (!isValid(value)) {
            throw new InvalidObjectKeyException(value);
        }
    }

    static boolean isValid(String key) {
        if (key == null || key.length() < 2 || key.length() > 1024 || key.charAt(0) != '/') {
            return false;
        }
        for (String segment : key.substring(1).split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The key as a relative path below the store's root. */
    String relative() {
        return value.substring(1);
    }

    String extension() {
        int dot = value.lastIndexOf('.');
        return dot < value.lastIndexOf('/') || dot < 0 ? "" : value.substring(dot
                + 1).toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }

    /** The key is malformed or tries to leave the store. */
    static final class InvalidObjectKeyException extends EmulatorException {
        InvalidObjectKeyException(String key) {
            super("invalid object key: " + (key == null ? "(none)" : key.length() > 80 ? key.substring(0, 80) + "..."
                    : key));
        }
    }
}
