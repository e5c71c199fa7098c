package dev.vodhook.emulator.internal.api;

import java.util.Set;

/** Checks on request parameters, each failing with the error code the cloud uses. */
public final class Param {

    private Param() {
    }

    public static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw LocalVodApiError.missing(name);
        }
        return value;
    }

    /** Fails with {@code code} when the text is longer than {@code max} characters. */
    public static void maxLength(String value, int max, String name, String code) {
        if (value != null && value.length() > max) {
            throw new LocalVodApiError(code, name + " is longer than " + max + " characters.");
        }
    }

    /** An optional ISO-8601 time ({@code Z} or an offset); malformed is {@code InvalidParameterValue.ExpireTime}. */
    public static java.util.Optional<java.time.Instant> expireTime(String text) {
        if (text == null || text.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(IsoTime.parse(text).orElseThrow(() ->
                LocalVodApiError.invalidValue("ExpireTime", "ExpireTime", "'" + text + "' is not an ISO-8601 time")));
    }

    /** A storage region name such as {@code ap-chongqing}; {@code fallback} when none is given. */
    public static String region(String requested, String fallback) {
        if (requested == null || requested.isEmpty()) {
            return fallback;
        }
        if (!requested.matches("[a-z0-9][a-z0-9.-]{1,40}")) {
            throw LocalVodApiError.invalidValue("StorageRegion", "'" + requested + "' is not a region name");
        }
        return requested;
    }

    /** A {@code TasksPriority}: -10 to 10, 0 when absent. */
    public static long priority(Long value) {
        long priority = value == null ? 0 : value;
        if (priority < -10 || priority > 10) {
            throw LocalVodApiError.invalidValue("TasksPriority", "must be between -10 and 10");
        }
        return priority;
    }

    /** A {@code SessionContext} (at most 1000 characters), {@code ""} when absent. */
    public static String sessionContext(String value) {
        maxLength(value, 1000, "SessionContext", LocalVodApiError.INVALID_PARAMETER_VALUE + ".SessionContextTooLong");
        return value == null ? "" : value;
    }

    /** A {@code SessionId} (at most 50 characters), {@code ""} when absent. */
    public static String sessionId(String value) {
        maxLength(value, 50, "SessionId", LocalVodApiError.INVALID_PARAMETER_VALUE + ".SessionIdTooLong");
        return value == null ? "" : value;
    }

    public static void oneOf(String value, Set<String> allowed, String name) {
        if (value != null && !allowed.contains(value)) {
            throw LocalVodApiError.invalidValue(name, "'" + value + "' is not one of " + allowed);
        }
    }
}
