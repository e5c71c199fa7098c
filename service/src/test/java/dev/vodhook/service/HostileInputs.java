package dev.vodhook.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Malformed inputs from one seeded {@link SplittableRandom}: the same seed gives the same inputs in the same order,
 * so a failure is replayed with {@code -Dhostile.seed=...}. Mutated JSON (wrong types, missing and extra fields,
 * huge numbers, long strings, invalid UTF-8, deep nesting, duplicate keys, truncation), raw HTTP garbage (request
 * lines, header floods, Content-Length, chunked bodies), bad auth header values and path traversal attempts.
 * Generated text never holds {@code Exception} or {@code java.}, so their presence in an answer is the server's.
 */
final class HostileInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] HUGE_NUMBERS = {"1e999999999", "-1e-999999999", "99999999999999999999999999999",
        "-9223372036854775809", "18446744073709551616", "1.7976931348623157e309", "0.0000000000000000000001",
        "-0", "1" + "0".repeat(5000), "4.9e-325"};
    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "\ud800", "\udfff\ud800", "\u202e\u200b",
        "null", "true", "0", "NaN", "-Infinity", "😀".repeat(3), "../../etc/passwd", "%2e%2e%2f", "\\u0000",
        "<script>", "' OR 1=1 --", "${jndi:ldap://x}", "\r\nX-Injected: 1"};

    private final SplittableRandom random;
    private final String marker;

    HostileInputs(long seed, String marker) {
        this.random = new SplittableRandom(seed);
        this.marker = marker;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    String pick(String... items) {
        return items[random.nextInt(items.length)];
    }

    /** A sample with one to three structural mutations, then perhaps one at the byte level. */
    byte[] mutatedJson(String sample) {
        JsonNode tree = read(sample);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            tree = mutateTree(tree);
        }
        String text = write(tree);
        if (chance(0.2)) {
            text = duplicateKey(text);
        }
        if (chance(0.1)) {
            text = nest(text, 50 + random.nextInt(3000));
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return chance(0.3) ? mutateBytes(bytes) : bytes;
    }

    /** Replaces, removes or adds one node somewhere in the tree (the root itself sometimes). */
    private JsonNode mutateTree(JsonNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty() || chance(0.03)) {
            return randomValue(2);
        }
        JsonNode container = pick(containers);
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            int op = random.nextInt(4);
            if (names.isEmpty() || op == 0) {
                object.set(randomKey(), randomValue(2));
            } else if (op == 1) {
                object.remove(pick(names));
            } else {
                object.set(pick(names), randomValue(2));
            }
        } else if (container instanceof ArrayNode array) {
            if (array.isEmpty() || chance(0.5)) {
                array.add(randomValue(2));
            } else {
                array.set(random.nextInt(array.size()), randomValue(2));
            }
        }
        return root;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.forEach(child -> collect(child, into));
        }
    }

    /** A value of a random type: the wrong one for wherever it lands, most of the time. */
    JsonNode randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 10 : 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextLong());
            case 3 -> NODES.numberNode(new java.math.BigDecimal(pick(HUGE_NUMBERS)));
            case 4 -> NODES.textNode(pick(ODD_STRINGS));
            case 5 -> NODES.textNode(longString());
            case 6 -> NODES.numberNode(random.nextDouble() * 1e6);
            case 7 -> NODES.textNode(randomText(1 + random.nextInt(40)));
            case 8 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(randomKey(), randomValue(depth - 1));
                }
                yield object;
            }
        };
    }

    private String randomKey() {
        return chance(0.5) ? pick("EventType", "FileId", "FileUploadEvent", "ProcedureStateChangeEvent", "Sign", "T",
                "status", "type", "since", "until", "SubAppId", "MediaProcessTask", "SessionId", "EventHandle",
                "EventHandles", "Mode", "NotificationUrl", "Limit", "Offset", "Definition", "Filters", "FileIds")
                : randomText(1 + random.nextInt(20));
    }

    private String longString() {
        return "x".repeat(1_000 + random.nextInt(200_000));
    }

    /**
     * Printable ASCII and a little beyond, without dots (so no {@code java.}) and without the letter sequence for
     * "Exception".
     */
    String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = chance(0.05) ? 0x80 + random.nextInt(0x2000) : 0x20 + random.nextInt(0x5f);
            text.append(c == '.' || c == 'E' ? '_' : (char) c);
        }
        return text.toString();
    }

    /** The first key of the text again, right after the opening brace, with another value. */
    private String duplicateKey(String text) {
        int brace = text.indexOf('{');
        int quote = text.indexOf('"', brace + 1);
        int close = quote < 0 ? -1 : text.indexOf('"', quote + 1);
        if (brace < 0 || quote < 0 || close < 0) {
            return text;
        }
        String key = text.substring(quote, close + 1);
        return text.substring(0, brace + 1) + key + ":" + write(randomValue(1)) + "," + text.substring(brace + 1);
    }

    private String nest(String text, int depth) {
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return "{\"EventType\":\"NewFileUpload\",\"x\":" + open.repeat(depth) + text + close.repeat(depth) + "}";
    }

    /** Truncated, or with bytes that are no UTF-8, NULs, lone surrogates in escapes, or garbage spliced in. */
    byte[] mutateBytes(byte[] bytes) {
        int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
        return switch (random.nextInt(6)) {
            case 0 -> java.util.Arrays.copyOf(bytes, at);
            case 1 -> splice(bytes, at, new byte[] {(byte) 0xC3, 0x28});
            case 2 -> splice(bytes, at, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
            case 3 -> splice(bytes, at, new byte[] {(byte) 0xFF, (byte) 0xFE, 0});
            case 4 -> splice(bytes, at, "\\ud800".getBytes(StandardCharsets.US_ASCII));
            default -> splice(bytes, at, randomBytes(1 + random.nextInt(64)));
        };
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
        out.write(bytes, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /** An {@code Authorization} value that is wrong: missing parts, another scheme, the right token nearly. */
    String badAuthorization(String goodToken) {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "Bearer";
            case 2 -> "Bearer ";
            case 3 -> "Bearer " + goodToken.substring(0, goodToken.length() - 1);
            case 4 -> "Bearer " + goodToken + "x";
            case 5 -> "bearer" + goodToken;
            case 6 -> "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + goodToken).getBytes());
            case 7 -> "Bearer " + "A".repeat(4000 + random.nextInt(3000));
            case 8 -> "Bearer " + goodToken + " " + goodToken;
            case 9 -> "TC3-HMAC-SHA256 Credential=AKID/2026-03-01/vod/tc3_request, SignedHeaders=host, Signature="
                    + randomText(64).replace(',', '_');
            case 10 -> "Bearer " + randomText(1 + random.nextInt(60)).replaceAll("[^\\x21-\\x7e]", "_");
            default -> "Bearer \u00e9" + goodToken;
        };
    }

    /** A path that tries to leave wherever it is resolved: dot segments plain and encoded, absolute paths, NULs. */
    String traversal(String prefix) {
        String name = marker + "-" + random.nextInt(1_000_000);
        String up = switch (random.nextInt(9)) {
            case 0 -> "../".repeat(1 + random.nextInt(8));
            case 1 -> "%2e%2e/".repeat(1 + random.nextInt(8));
            case 2 -> "..%2f".repeat(1 + random.nextInt(8));
            case 3 -> "%2e%2e%2f".repeat(1 + random.nextInt(8));
            case 4 -> "..%252f".repeat(1 + random.nextInt(8));
            case 5 -> "/tmp/";
            case 6 -> "..\\".repeat(1 + random.nextInt(8));
            case 7 -> "%2F" + "tmp%2F";
            default -> ".%2e/".repeat(1 + random.nextInt(8));
        };
        String tail = chance(0.2) ? name + pick("%00.mp4", "\u0000.mp4", "%00", "/.", "/..") : name;
        return prefix + up + tail;
    }

    /** Text of a raw HTTP exchange that no client library would send; the Host is the listener's. */
    byte[] rawGarbage(String path, String hostHeader) {
        String host = "Host: " + hostHeader + "\r\n";
        String text = switch (random.nextInt(22)) {
            case 0 -> new String(randomBytes(1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
            case 1 -> "GET " + path + " HTTP/" + pick("9.9", "1.2", "0.9", "2.0", "1", "x", "1.1.1") + "\r\n" + host
                    + "\r\n";
            case 2 -> pick("get", "BREW", "G\u0000T", "PO ST", "CONNECT", "TRACE", "OPTIONS", "PATCH") + " " + path
                    + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n";
            case 3 -> "GET " + path + " HTTP/1.1 extra\r\n" + host + "\r\n";
            case 4 -> "GET /" + "a".repeat(5_000 + random.nextInt(60_000)) + " HTTP/1.1\r\n" + host + "\r\n";
            case 5 -> "GET " + path + " HTTP/1.1\r\n" + host + ("X-F: " + randomText(20).replaceAll("[\\r\\n:]", "_")
                    + "\r\n").repeat(100 + random.nextInt(3000)) + "\r\n";
            case 6 -> "GET " + path + " HTTP/1.1\r\n" + host + "NoColonHere\r\n\r\n";
            case 7 -> "GET " + path + " HTTP/1.1\r\n" + host + "X-A : b\r\n folded\r\n\r\n";
            case 8 -> "POST " + path + " HTTP/1.1\r\n" + host + "Content-Length: "
                    + pick("-1", "abc", "99999999999999999999", "1e3", " 10", "0x10", "5, 6", "")
                    + "\r\nConnection: close\r\n\r\n{\"a\":1}";
            case 9 -> "POST " + path + " HTTP/1.1\r\n" + host
                    + "Content-Length: 7\r\nContent-Length: 9\r\n\r\n{\"a\":1}";
            case 10 -> "POST " + path + " HTTP/1.1\r\n" + host
                    + "Content-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "7\r\n{\"a\":1}\r\n0\r\n\r\n";
            case 11 -> "POST " + path + " HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n"
                    + pick("zz\r\n{}\r\n0\r\n\r\n", "ffffffffffffffffff\r\n{}", "2\r\n{}",
                    "2;ext=\"\u0001\r\n{}\r\n0\r\n\r\n",
                    "-5\r\n{}\r\n0\r\n\r\n", "2\r\n{}\r\n0\r\nX-Trailer: " + "t".repeat(20_000) + "\r\n\r\n",
                    "1\r\n{\r\n1\r\n}", "\r\n\r\n\r\n");
            case 12 -> "POST " + path + " HTTP/1.1\r\n" + host + "Transfer-Encoding: " + pick("gzip",
                    "chunked, identity",
                    "xchunked", "chunked\u0000") + "\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
            case 13 -> "POST " + path + " HTTP/1.1\r\n" + host + "Content-Length: 5000\r\n\r\n{\"EventType\":";
            case 14 -> "GET " + path + " HTTP/1.1\r\n\r\n";
            case 15 -> "GET " + path + " HTTP/1.1\r\n" + host + host + "Host: other\r\n\r\n";
            case 16 -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + new String(randomBytes(40), StandardCharsets.ISO_8859_1);
            case 17 -> "GET " + path + " HTTP/1.1\r\n" + host + "Expect: 100-continue\r\nContent-Length: 10\r\n\r\n";
            case 18 -> "\r\n\r\n\r\n";
            case 19 -> "GET " + path.replace("/", "\\") + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n";
            case 20 -> "GET " + path + " HTTP/1.1\r" + host + "\n\n";
            default -> "POST " + path + " HTTP/1.1\r\n" + host
                    + "Content-Type: application/json\r\nContent-Length: 30\r\n"
                    + "Connection: keep-alive\r\n\r\n{\"EventType\":\"NewFileUpload\"}GET /healthz HTTP/1.1\r\n\r\n";
        };
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(JsonNode tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
