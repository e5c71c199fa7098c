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

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
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
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
        }
        return fromTree(root);
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
