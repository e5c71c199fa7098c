package dev.vodhook.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Parses event notification bodies, tolerantly: unknown event types and fields are kept, ids may be
 * strings or numbers, and both the 3.0 and the legacy 2.0 formats are recognised. What is not an event
 * at all is rejected with a reason.
 */
public final class EventParser {

    /** Bodies larger than this are refused; VOD events are a few KB. */
    public static final int MAX_BYTES = 1 << 20;
    /** Deeper nesting than this is refused; real events nest about 8 levels. */
    public static final int MAX_DEPTH = 64;

    /** The one configuration of the event parser; {@link IntakeReader} streams with it too. */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_BYTES)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EventParser() {
    }

    public static VodEvent parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedEventException("empty body: expected a JSON event notification");
        }
        if (body.length > MAX_BYTES) {
            throw new MalformedEventException("body of " + body.length + " bytes exceeds the limit of " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new MalformedEventException(e.getMessage() != null && e.getMessage().contains("nesting depth")
                    ? "JSON nested deeper than " + MAX_DEPTH + " levels"
                    : "JSON beyond the parser's limits: " + firstLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new MalformedEventException("not valid JSON: " + firstLine(e.getMessage()), e);
        } catch (NumberFormatException e) { // Jackson lets some through unwrapped, e.g. 1e9999999999
            throw new MalformedEventException("a number beyond the parser's limits: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("expected a JSON object, got " + (root == null ? "nothing"
                    : root.getNodeType().name().toLowerCase()));
        }
        if (hasUnpairedSurrogate(root)) {
            // JSON may escape one (\\ud800), but it is no character: a database would store it as '?', and
            // the event would no longer be found by its own dedupe key
            throw new MalformedEventException("a string holds an unpaired UTF-16 surrogate (a \\uD800-\\uDFFF escape"
                    + " without its pair): not text");
        }
        return fromTree(root);
    }

    /** Whether a field name or string anywhere in the tree has an unpaired surrogate. */
    static boolean hasUnpairedSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return unpaired(node.textValue());
        }
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            if (unpaired(field.getKey()) || hasUnpairedSurrogate(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasUnpairedSurrogate(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unpaired(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Builds an event from an already parsed object, e.g. one element of a PullEvents {@code EventSet}. */
    public static VodEvent fromTree(JsonNode root) {
        JsonNode v3 = root.path("EventType");
        if (v3.isTextual() && !v3.textValue().isBlank()) {
            return new VodEvent(v3.textValue().trim(), EventFormat.V3, root);
        }
        JsonNode v2 = root.path("eventType");
        if (v2.isTextual() && !v2.textValue().isBlank()) {
            return new VodEvent(v2.textValue().trim(), EventFormat.V2, root);
        }
        throw new MalformedEventException("no EventType: not a VOD event notification");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
