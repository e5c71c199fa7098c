package dev.vodhook.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Reads a pushed event for intake in one streaming pass over its bytes, without the tree of the whole body: the
 * parser checks every byte as {@link EventParser#parse} does (valid JSON, one object, no duplicate keys, nesting
 * and length limits, nothing after it), and only the fields intake reads are kept, in a small tree of the same
 * shape: at the top, EventType, eventType and EventHandle and every object (any of them may be the payload); in
 * those, the fields of the FileId, the TaskId, the Status, the probe's Nonce and of FileDeleted's key; in
 * sub-task results, their Type, Status and Definition and every object (a sub-task of a type not known yet is
 * the result's one object). Strings that are not kept are skipped, not decoded, and no number is converted.
 *
 * <p>What is unusual goes to the tree path and so gets its answer exactly: a body too large or empty, any error
 * of the parser (its reason then is the tree path's), a number with an exponent or many digits (the tree
 * converts every number, which may fail), bytes that could spell an unpaired UTF-16 surrogate (the tree path
 * refuses those), and for the dedupe key an event keyed by its whole body.
 */
public final class IntakeReader {
    private static final Set<String> TOP_SCALARS = Set.of("EventType", "eventType", "EventHandle");
    private static final Set<String> PAYLOAD_KEPT = Set.of("FileId", "fileId", "TaskId", "vodTaskId", "taskId",
            "Status", "status", "Nonce", "FileIdSet", "fileIdSet", "FileDeleteResultInfo");
    private static final Set<String> OUTPUTS = Set.of("Output", "output");
    private static final Set<String> OUTPUT_KEPT = Set.of("FileId", "fileId");
    private static final Set<String> RESULT_SETS = Set.of("MediaProcessResultSet", "processTaskList");
    private static final Set<String> SUB_TASK_KEPT = Set.of("Type", "taskType", "Status", "status", "Definition",
            "definition");
    /** Integers of at most this many characters convert exactly and cheaply, whatever the tree path does. */
    private static final int PLAIN_INTEGER_CHARS = 18;
    /** Likewise decimals without an exponent of at most this many characters. */
    private static final int PLAIN_DECIMAL_CHARS = 24;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final ObjectReader SUBTREES = EventParser.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = EventParser.MAPPER.getNodeFactory();

    /** Thrown inside the pass for what the tree path should answer; never leaves this class. */
    private static final class Unusual extends RuntimeException {
        Unusual() {
            super("left to the tree path", null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    private IntakeReader() {
    }

    /** The event in {@code body}, or the {@link MalformedEventException} that {@link EventParser#parse} throws. */
    public static IntakeEvent read(byte[] body) {
        if (body == null || body.length == 0 || body.length > EventParser.MAX_BYTES || maySpellSurrogate(body)) {
            return whole(body);
        }
        ObjectNode kept;
        try (JsonParser parser = EventParser.MAPPER.createParser(body)) {
            kept = top(parser);
        } catch (IOException | RuntimeException e) {
            return whole(body);
        }
        return new IntakeEvent(EventParser.fromTree(kept), false, body);
    }

    private static IntakeEvent whole(byte[] body) {
        return new IntakeEvent(EventParser.parse(body), true, body);
    }

    /**
     * Whether the bytes hold anything the parser could decode to a lone surrogate: a {@code \}{@code uD800} to
     * {@code \}{@code uDFFF} escape, or UTF-8 lead bytes the parser decodes without checking the code point
     * (ED A0..BF: surrogates; F0 80..8F: below U+10000; F4 90.. and F5 on: beyond U+10FFFF). Ordinary text,
     * emoji included, has none.
     */
    static boolean maySpellSurrogate(byte[] body) {
        int i = 0;
        while (i < body.length) {
            if (i + Long.BYTES <= body.length && plainAscii((long) LONGS.get(body, i))) {
                i += Long.BYTES; // the usual case, 8 bytes at a time
                continue;
            }
            int end = Math.min(body.length, i + Long.BYTES);
            for (; i < end; i++) {
                if (spellsSurrogateAt(body, i)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether none of the 8 bytes is a backslash or has its high bit set. */
    private static boolean plainAscii(long bytes) {
        long backslashes = bytes ^ 0x5C5C5C5C5C5C5C5CL; // a zero byte where there was a backslash
        long zeroBytes = (backslashes - 0x0101010101010101L) & ~backslashes & 0x8080808080808080L;
        return ((bytes & 0x8080808080808080L) | zeroBytes) == 0;
    }

    private static boolean spellsSurrogateAt(byte[] body, int i) {
        int b = body[i] & 0xFF;
        if (b < 0x80) {
            return b == '\\' && i + 3 < body.length && body[i + 1] == 'u' && (body[i + 2] | 0x20) == 'd'
                    && isSurrogateDigit(body[i + 3]);
        }
        int next = i + 1 < body.length ? body[i + 1] & 0xFF : 0;
        return b == 0xED && next >= 0xA0 || b == 0xF0 && next < 0x90 || b == 0xF4 && next >= 0x90 || b > 0xF4;
    }

    /** The second hex digit of a surrogate's code unit: 8 to F. */
    private static boolean isSurrogateDigit(byte b) {
        return b == '8' || b == '9' || (b | 0x20) >= 'a' && (b | 0x20) <= 'f';
    }

    /** Reads one field's value, kept, or returns null having read nothing: the caller then skips it. */
    @FunctionalInterface
    private interface Keep {
        JsonNode read(JsonParser p, String name, JsonToken value) throws IOException;
    }

    /** The object the parser is in (after its START_OBJECT), with the fields {@code keep} keeps. */
    private static ObjectNode fields(JsonParser p, Keep keep) throws IOException {
        ObjectNode node = NODES.objectNode();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            JsonNode kept = keep.read(p, name, value);
            if (kept == null) {
                skip(p, value);
            } else {
                node.set(name, kept);
            }
        }
        return node;
    }

    private static ObjectNode top(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw UNUSUAL;
        }
        ObjectNode node = fields(p, (q, name, value) -> value == JsonToken.START_OBJECT ? payload(q)
                : TOP_SCALARS.contains(name) ? kept(q, value) : null);
        if (p.nextToken() != null) {
            throw UNUSUAL;
        }
        return node;
    }

    /** A top-level object: it may be the payload. */
    private static ObjectNode payload(JsonParser p) throws IOException {
        return fields(p, (q, name, value) -> {
            if (PAYLOAD_KEPT.contains(name)) {
                return kept(q, value);
            }
            if (OUTPUTS.contains(name) && value == JsonToken.START_OBJECT) {
                return fields(q, (r, field, v) -> OUTPUT_KEPT.contains(field) ? kept(r, v) : null);
            }
            return RESULT_SETS.contains(name) ? results(q, value) : null;
        });
    }

    /**
     * {@code MediaProcessResultSet} or {@code processTaskList}: what the key iterates (an array's elements, an
     * object's values), each result an object or, for anything else, a null that reads the same (no fields).
     */
    private static JsonNode results(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.START_ARRAY) {
            ArrayNode node = NODES.arrayNode();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                node.add(result(p, t));
            }
            return node;
        }
        if (token == JsonToken.START_OBJECT) {
            return fields(p, (q, name, value) -> result(q, value));
        }
        skip(p, token);
        return NullNode.getInstance();
    }

    private static JsonNode result(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT) {
            return subTask(p);
        }
        skip(p, token);
        return NullNode.getInstance();
    }

    /** A result, a sub-task or an input: their Type, Status and Definition, and every object within. */
    private static ObjectNode subTask(JsonParser p) throws IOException {
        return fields(p, (q, name, value) -> SUB_TASK_KEPT.contains(name) ? kept(q, value)
                : value == JsonToken.START_OBJECT ? subTask(q) : null);
    }

    /**
     * The value as the tree path has it: text, booleans, null and plain integers made here (every reader of them
     * sees only their value); decimals and containers by the tree path's own reader, which converts and
     * normalises them as it does.
     */
    private static JsonNode kept(JsonParser p, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            case VALUE_NUMBER_INT:
                plain(p, token);
                return BigIntegerNode.valueOf(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                plain(p, token);
                return SUBTREES.readTree(p);
            case START_OBJECT, START_ARRAY:
                return SUBTREES.readTree(p);
            default:
                throw UNUSUAL;
        }
    }

    /** Passes over a value (the parser still checks it), from its first token to its last. */
    private static void skip(JsonParser p, JsonToken token) throws IOException {
        int depth = 0;
        for (JsonToken t = token; ; t = p.nextToken()) {
            if (t == null) {
                throw UNUSUAL;
            }
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            } else if (t.isNumeric()) {
                plain(p, t);
            }
            if (depth == 0) {
                return;
            }
        }
    }

    /** Refuses, for the tree path, a number whose conversion could fail or cost: long, or with an exponent. */
    private static void plain(JsonParser p, JsonToken token) throws IOException {
        int length = p.getTextLength();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            if (length > PLAIN_INTEGER_CHARS) {
                throw UNUSUAL;
            }
            return;
        }
        if (length > PLAIN_DECIMAL_CHARS) {
            throw UNUSUAL;
        }
        char[] text = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = offset; i < offset + length; i++) {
            if ((text[i] | 0x20) == 'e') {
                throw UNUSUAL;
            }
        }
    }
}
