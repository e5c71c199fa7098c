package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Tolerant reads of JSON fields: ids may arrive as strings or bare numbers, anything may be null. */
final class Json {

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
                // BigInteger/BigDecimal text: a 20-digit FileId must not pass through long or double
                return Optional.of(v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString());
            }
        }
        return Optional.empty();
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
