package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Tolerant reads of JSON fields: ids may arrive as strings or bare numbers, anything may be null. */
final class Json {
    /** Beyond this many places either side of the point, a decimal is written in scientific notation. */
    static final int MAX_PLAIN_SCALE = 64;

    private Json() {
    }

    /** The text of the first present, non-null field among {@code names}; numbers keep their exact digits. */
    static Optional<String> text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.path(name);
            if (v.isTextual()) {
                return Optional.of(v.textValue());
            }
            if (v.isNumber()) {
                return Optional.of(numberText(v));
            }
        }
        return Optional.empty();
    }

    /**
     * A number's exact digits (BigInteger/BigDecimal text: a 20-digit FileId must not pass through long or
     * double), or its scientific form when written out it would be long: {@code 1e999999999} is 11 bytes of
     * JSON and a billion digits in plain text.
     */
    static String numberText(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.bigIntegerValue().toString(); // at most the parser's number length limit in digits
        }
        java.math.BigDecimal d = number.decimalValue();
        return Math.abs((long) d.scale()) <= MAX_PLAIN_SCALE ? d.toPlainString() : d.toString();
    }

    static String textOr(JsonNode node, String fallback, String... names) {
        return text(node, names).orElse(fallback);
    }

    static long longOr(JsonNode node, long fallback, String... names) {
        for (String name : names) {
            JsonNode v = node.path(name);
            if (v.isNumber()) {
                return v.asLong();
            }
            if (v.isTextual()) {
                try {
                    return Long.parseLong(v.textValue().trim());
                } catch (NumberFormatException ignored) {
                    // keep looking
                }
            }
        }
        return fallback;
    }

    static double doubleOr(JsonNode node, double fallback, String... names) {
        for (String name : names) {
            JsonNode v = node.path(name);
            if (v.isNumber()) {
                return v.asDouble();
            }
            if (v.isTextual()) {
                try {
                    return Double.parseDouble(v.textValue().trim());
                } catch (NumberFormatException ignored) {
                    // keep looking
                }
            }
        }
        return fallback;
    }

    /** The first object-valued field among {@code names}, or a missing node. */
    static JsonNode object(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode v = node.path(name);
            if (v.isObject()) {
                return v;
            }
        }
        return node.path("\u0000missing");
    }
}
