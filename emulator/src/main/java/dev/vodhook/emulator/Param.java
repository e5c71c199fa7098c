package dev.vodhook.emulator;

import java.util.Set;

/** Checks on request parameters, each failing with the error code the cloud uses. */
final class Param {

    private Param() {
    }

    static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw VodApiException.missing(name);
        }
        return value;
    }

    /** Fails with {@code code} when the text is longer than {@code max} characters. */
    static void maxLength(String value, int max, String name, String code) {
        if (value != null && value.length() > max) {
            throw new VodApiException(code, name + " is longer than " + max + " characters.");
        }
    }

    static void oneOf(String value, Set<String> allowed, String name) {
        if (value != null && !allowed.contains(value)) {
            throw VodApiException.invalidValue(name, "'" + value + "' is not one of " + allowed);
        }
    }
}
