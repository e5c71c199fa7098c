package dev.vodhook.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.testkit.Samples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming read of intake against the tree path it replaces, kept as the reference: for every body, the
 * same refusal with the same reason, or the same type, format, dedupe key, FileId, TaskId and probe nonce.
 * Bodies are generated events of every type in both spellings, fields in any order, unicode, numbers of every
 * form, unknown nested fields, and the same with bytes broken; and every sample of vod-examples.
 */
class IntakeReaderTest {

    /** Everything intake takes from a body, or the refusal; a method that throws is recorded by what it threw. */
    record Outcome(String refusal, String type, String format, String key, String fileId, String taskId,
                   String nonce, boolean probe) {
    }

    static Outcome reference(byte[] body) {
        VodEvent event;
        try {
            event = EventParser.parse(body);
        } catch (RuntimeException e) {
            return refused(e);
        }
        return new Outcome(null, event.eventType(), event.format().name(), attempt(() -> DedupeKeys.of(event)),
                attempt(() -> event.fileId().toString()), attempt(() -> event.taskId().toString()),
                attempt(() -> SetupProbe.nonce(event).toString()), SetupProbe.isProbe(event));
    }

    static Outcome streamed(byte[] body) {
        IntakeEvent event;
        try {
            event = IntakeReader.read(body);
        } catch (RuntimeException e) {
            return refused(e);
        }
        return new Outcome(null, event.eventType(), event.format().name(), attempt(event::dedupeKey),
                attempt(() -> event.fileId().toString()), attempt(() -> event.taskId().toString()),
                attempt(() -> event.probeNonce().toString()), event.isProbe());
    }

    private static Outcome refused(RuntimeException e) {
        return new Outcome(e.getClass().getSimpleName() + ": " + e.getMessage(), null, null, null, null, null, null,
                false);
    }

    private static String attempt(Supplier<String> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return "threw " + e;
        }
    }

    static void assertSame(byte[] body) {
        assertThat(streamed(body)).as(body == null ? "null" : new String(body, StandardCharsets.UTF_8))
                .isEqualTo(reference(body));
    }

    // ---- examples

    @Example
    void everySampleReadsAsTheTreeReadsIt() {
        for (String name : Samples.names()) {
            assertSame(Samples.bytes(name));
        }
        Outcome procedure = streamed(Samples.bytes("callback-v3-ProcedureStateChanged.json"));
        assertThat(procedure.refusal()).isNull();
        assertThat(procedure.key()).startsWith("ProcedureStateChanged:").doesNotContain("body-");
    }

    @Example
    void theSampleProcedureEventIsReadInOnePass() {
        byte[] body = Samples.bytes("callback-v3-ProcedureStateChanged.json");
        IntakeEvent event = IntakeReader.read(body);

        assertThat(event.dedupeKey()).isEqualTo(DedupeKeys.of(EventParser.parse(body)));
        assertThat(event.taskId()).isPresent();
        assertThat(event.fileId()).isPresent();
        assertThat(event.streamed()).as("read in one pass, no tree").isTrue();
    }

    @Example
    void refusalsKeepTheirReasons() {
        for (String body : List.of("", " ", "not json", "[1,2]", "\"text\"", "null", "{\"EventType\":\"\"}",
                "{\"foo\":1}", "{\"EventType\":\"A\"} trailing", "{\"EventType\":\"A\"}{}",
                "{\"EventType\":\"A\",\"EventType\":\"B\"}", "{\"EventType\":\"A\",\"AEvent\":{\"x\":1,\"x\":2}}",
                "{\"EventType\":\"A\",\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
                "{\"EventType\":\"A\",\"n\":1" + "0".repeat(1200) + "}",
                "{\"EventType\":\"A\",\"AEvent\":{\"TaskId\":1e999999999999}}",
                "{\"EventType\":\"A\",\"AEvent\":{\"TaskId\":\"\\ud800\"}}", "{\"EventType\":\"A\",\"\\udfff\":1}",
                "{\"EventType\":\"A\",\"s\":\"\u0001\"}", "{\"EventType\":\"A\",\"s\":\"\\x\"}",
                "{\"EventType\":1}", "{\"eventType\":\"A\",\"data\":{\"vodTaskId\":\"t\"}")) {
            assertSame(body.getBytes(StandardCharsets.UTF_8));
        }
        assertSame(new byte[EventParser.MAX_BYTES + 1]);
        assertThat(streamed("{\"EventType\":\"A\",\"x\":9e9999999999}".getBytes(StandardCharsets.UTF_8)).refusal())
                .startsWith("MalformedEventException: a number beyond the parser's limits");
        assertSame(null);
    }

    @Example
    void bytesThatAreNoTextAreRefusedAsTheTreeRefusesThem() {
        byte[][] bad = {{(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xF7, (byte) 0xBF, (byte) 0xBF, (byte) 0xBF}, {(byte) 0xFF}, {(byte) 0xC3},
                {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80}};
        for (byte[] b : bad) {
            assertSame(concat("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"", b, "\"}}"));
            assertSame(concat("{\"EventType\":\"NewFileUpload\",\"x\":{\"skipped\":\"", b, "\"}}"));
            assertSame(concat("{\"EventType\":\"NewFileUpload\",\"x\":{\"", b, "\":1}}"));
        }
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(a, a.length + middle.length + c.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    // ---- properties

    @Property(tries = 1000)
    void aGeneratedEventReadsAsTheTreeReadsIt(@ForAll("events") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertSame(bytes);
        Statistics.label("path").collect(pathOf(bytes));
    }

    private static String pathOf(byte[] body) {
        try {
            return IntakeReader.read(body).streamed() ? "streamed"
                    : IntakeReader.maySpellSurrogate(body) ? "tree (surrogate)" : "tree";
        } catch (MalformedEventException e) {
            return "refused";
        }
    }

    @Property(tries = 1000)
    void aBrokenEventIsRefusedOrReadAsTheTreeDoes(@ForAll("events") String body,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, byte[]>> mutations) {
        byte[] broken = mutate(body.getBytes(StandardCharsets.UTF_8), mutations);
        assertSame(broken);
        Statistics.label("path").collect(pathOf(broken));
    }

    @Property(tries = 300)
    void aBrokenSampleIsRefusedOrReadAsTheTreeDoes(@ForAll("samples") String name,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, byte[]>> mutations) {
        assertSame(mutate(Samples.bytes(name), mutations));
    }

    @Property(tries = 500)
    void theSurrogateScanFindsWhatAByteByByteScanFinds(@ForAll("events") String body,
            @ForAll("mutations") List<Tuple.Tuple2<Integer, byte[]>> mutations) {
        byte[] bytes = mutate(body.getBytes(StandardCharsets.UTF_8), mutations);
        boolean any = false;
        for (int i = 0; i < bytes.length && !any; i++) {
            int b = bytes[i] & 0xFF;
            int next = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
            any = b == '\\' && i + 3 < bytes.length && bytes[i + 1] == 'u' && (bytes[i + 2] | 0x20) == 'd'
                    && "89abcdefABCDEF".indexOf(bytes[i + 3]) >= 0
                    || b == 0xED && next >= 0xA0 || b == 0xF0 && next < 0x90 || b == 0xF4 && next >= 0x90 || b > 0xF4;
        }
        assertThat(IntakeReader.maySpellSurrogate(bytes)).isEqualTo(any);
    }

    /** Each mutation replaces the byte at (position mod length) by the given bytes. */
    static byte[] mutate(byte[] body, List<Tuple.Tuple2<Integer, byte[]>> mutations) {
        byte[] out = body;
        for (var m : mutations) {
            if (out.length == 0) {
                break;
            }
            int at = Math.floorMod(m.get1(), out.length);
            byte[] next = new byte[out.length - 1 + m.get2().length];
            System.arraycopy(out, 0, next, 0, at);
            System.arraycopy(m.get2(), 0, next, at, m.get2().length);
            System.arraycopy(out, at + 1, next, at + m.get2().length, out.length - at - 1);
            out = next;
        }
        return out;
    }

    @Provide
    Arbitrary<String> samples() {
        return Arbitraries.of(Samples.names());
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, byte[]>>> mutations() {
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(
                Arbitraries.of("", "\"", "{", "}", "[", "]", ",", ":", "\\", "\\u", "\\ud800", "\\udc00",
                        "\\ud83d\\ude00", "0", "-", ".", "e", "1e400", "null", "tru", " ", "\u00e9", "\ud83c\udfac",
                        "\"EventType\":\"X\",", "\"TaskId\":7,", "\"Status\":\"FINISH\",")
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(3),
                Arbitraries.of(0xED, 0xF0, 0xF4, 0xF5, 0xFF, 0xC0, 0x80, 0xA0, 0x8F, 0x90)
                        .list().ofMinSize(1).ofMaxSize(4)
                        .map(l -> {
                            byte[] b = new byte[l.size()];
                            for (int i = 0; i < b.length; i++) {
                                b[i] = (byte) (int) l.get(i);
                            }
                            return b;
                        }));
        return Combinators.combine(Arbitraries.integers(), bytes).as(Tuple::of).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> events() {
        return Arbitraries.oneOf(v3(), v2());
    }

    private static final List<String> TYPES = List.of("NewFileUpload", "ProcedureStateChanged", "FileDeleted",
            "EditMediaComplete", "ComposeMediaComplete", "PullComplete", "RemoveWatermark",
            "CreateSnapshotByTimeOffsetComplete", "ExtractBlindWatermarkComplete", SetupProbe.EVENT_TYPE,
            "BrandNewThing", "ReviewAudioVideoComplete");
    private static final Map<String, List<String>> PAYLOAD_NAMES = Map.of(
            "NewFileUpload", List.of("FileUploadEvent"),
            "ProcedureStateChanged", List.of("ProcedureStateChangeEvent"),
            "FileDeleted", List.of("FileDeleteEvent"),
            "EditMediaComplete", List.of("EditMediaCompleteEvent", "EditMediaComplete"),
            "RemoveWatermark", List.of("RemoveWatermarkCompleteEvent"),
            "CreateSnapshotByTimeOffsetComplete", List.of("SnapshotByTimeOffsetCompleteEvent"),
            "ExtractBlindWatermarkComplete", List.of("ExtractBlindWatermarkComplete",
                    "ExtractBlindWatermarkCompleteEvent"));

    private Arbitrary<String> type() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(TYPES)),
                Tuple.of(1, Arbitraries.of("", " ", " NewFileUpload ", "ProcedureStateChanged\u00e9")),
                Tuple.of(1, text()));
    }

    private Arbitrary<String> v3() {
        return type().flatMap(type -> {
            List<String> named = PAYLOAD_NAMES.getOrDefault(type, List.of(type + "Event"));
            Arbitrary<String> payloadName = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(named)),
                    Tuple.of(1, Arbitraries.of("Other", "data", "SomethingEvent")));
            Arbitrary<Field> typeField = Arbitraries.frequencyOf(
                    Tuple.of(12, Arbitraries.just(new Field("EventType", quoted(type)))),
                    Tuple.of(1, Arbitraries.of(new Field("EventType", "1"), new Field("EventType", "null"),
                            new Field("eventType", quoted(type)), new Field("EventType", "{\"x\":1}"))));
            Arbitrary<Field> payload = Combinators.combine(payloadName, payload(false)).as(Field::new);
            return object(List.of(typeField, payload), top());
        });
    }

    private Arbitrary<String> v2() {
        return type().flatMap(type -> object(List.of(Arbitraries.just(new Field("eventType", quoted(type))),
                payload(true).map(p -> new Field("data", p))), top()));
    }

    /** Extra top-level fields: delivery details, scalars, arrays, and now and then another object. */
    private Arbitrary<List<Field>> top() {
        Arbitrary<Field> extra = Arbitraries.oneOf(
                Arbitraries.of(new Field("EventHandle", quoted("h-1")), new Field("Sign", quoted("abc")),
                        new Field("T", quoted("1716192962")), new Field("EventHandle", "17")),
                Combinators.combine(name(), scalar()).as(Field::new),
                Combinators.combine(name(), value(3)).as(Field::new));
        return extra.list().ofMaxSize(3);
    }

    private Arbitrary<String> payload(boolean legacy) {
        List<Arbitrary<Field>> fields = new ArrayList<>();
        for (String n : legacy ? List.of("fileId", "vodTaskId", "taskId", "status", "fileIdSet")
                : List.of("FileId", "TaskId", "Status", "FileIdSet")) {
            fields.add(Combinators.combine(Arbitraries.of(n, n, n, spellOther(n)), idValue()).as(Field::new));
        }
        fields.add(Arbitraries.oneOf(Arbitraries.of("\"abcdefgh-1234\"", "\"short\"", "12345678", "null"), value(1))
                .map(v -> new Field("Nonce", v)));
        fields.add(Combinators.combine(Arbitraries.of("Output", "output"),
                Arbitraries.oneOf(object(List.of(idValue().map(v -> new Field("FileId", v))), unknown(2)), value(1)))
                .as(Field::new));
        fields.add(Combinators.combine(Arbitraries.of("MediaProcessResultSet", "processTaskList"), results(legacy))
                .as(Field::new));
        fields.add(deleteResults().map(v -> new Field("FileDeleteResultInfo", v)));
        return Combinators.combine(fields.stream().map(f -> f.injectNull(0.25)).toList())
                .as(list -> list.stream().filter(f -> f != null).toList())
                .flatMap(chosen -> object(chosen.stream().map(Arbitraries::just).toList(), unknown(3)));
    }

    private static String spellOther(String name) {
        return Character.isUpperCase(name.charAt(0)) ? Character.toLowerCase(name.charAt(0)) + name.substring(1)
                : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private Arbitrary<String> results(boolean legacy) {
        Arbitrary<String> one = Arbitraries.frequencyOf(Tuple.of(8, result(legacy)), Tuple.of(1, value(2)));
        return Arbitraries.frequencyOf(
                Tuple.of(8, one.list().ofMaxSize(4).map(IntakeReaderTest::array)),
                Tuple.of(1, Combinators.combine(name(), one).as(Field::new).list().ofMaxSize(3)
                        .flatMap(l -> object(l.stream().map(Arbitraries::just).toList(), Arbitraries.just(List.of())))),
                Tuple.of(1, scalar()));
    }

    private Arbitrary<String> result(boolean legacy) {
        Arbitrary<String> type = Arbitraries.of("Transcode", "AnimatedGraphics", "SnapshotByTimeOffset",
                "SampleSnapshot", "ImageSprites", "CoverBySnapshot", "AdaptiveDynamicStreaming", "Novel", "");
        return type.flatMap(t -> {
            String taskField = switch (t) {
                case "AnimatedGraphics" -> "AnimatedGraphicTask";
                case "ImageSprites" -> "ImageSpriteTask";
                default -> t + "Task";
            };
            Arbitrary<Field> task = Combinators.combine(
                    Arbitraries.of(taskField, taskField, "Odd", "Input"), subTask()).as(Field::new);
            List<Arbitrary<Field>> fields = legacy
                    ? List.of(Arbitraries.just(new Field("taskType", quoted(t))), status("status"),
                            input("input", "definition"))
                    : List.of(Arbitraries.of(new Field("Type", quoted(t)), new Field("Type", "7"),
                            new Field("taskType", quoted(t))), task, status("Status"));
            return object(fields, unknown(2));
        });
    }

    private Arbitrary<String> subTask() {
        return Arbitraries.oneOf(
                object(List.of(status("Status"), input("Input", "Definition"), input("Output", "Definition")),
                        unknown(3)),
                object(List.of(status("status"), input("input", "definition")), unknown(1)),
                Arbitraries.of("null", "\"x\"", "[]"));
    }

    private Arbitrary<Field> status(String name) {
        return Arbitraries.of("\"SUCCESS\"", "\"FAIL\"", "\"PROCESSING\"", "3", "null", "\"\"", "1.50")
                .map(v -> new Field(name, v));
    }

    private Arbitrary<Field> input(String name, String definition) {
        Arbitrary<String> def = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("100010", "\"100020\"", "\" 30 \"", "\"x\"", "10.5", "-1", "null", "{}")),
                Tuple.of(1, Arbitraries.of("1e3", "99999999999999999999")));
        return def.flatMap(d -> object(List.of(Arbitraries.just(new Field(definition, d))), unknown(2)))
                .map(v -> new Field(name, v));
    }

    private Arbitrary<String> deleteResults() {
        Arbitrary<String> info = object(List.of(idValue().map(v -> new Field("FileId", v)),
                value(3).map(v -> new Field("DeleteParts", v))), unknown(1));
        return Arbitraries.oneOf(info.list().ofMaxSize(3).map(IntakeReaderTest::array), value(2));
    }

    /** Ids as VOD sends them, and the odd ones: numbers of every size and form, empty, null, objects. */
    private Arbitrary<String> idValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20)
                        .map(IntakeReaderTest::quoted)),
                Tuple.of(3, Arbitraries.of("5285890813874512345", "0", "-0", "-12", "1.50", "1.0", "0.000")),
                Tuple.of(1, Arbitraries.of("14508071098244959037", "1e2", "1E-3", "2.5e+10",
                        "123456789012345678901234567890", "0.1234567890123456789012345678901")),
                Tuple.of(2, text().map(IntakeReaderTest::quoted)),
                Tuple.of(1, Arbitraries.of("\"\"", "null", "true", "[]", "[\"a\"]", "[1,2]", "{\"a\":1}")));
    }

    private Arbitrary<List<Field>> unknown(int depth) {
        return Combinators.combine(name(), value(depth)).as(Field::new).list().ofMaxSize(3);
    }

    private Arbitrary<String> value(int depth) {
        if (depth <= 0) {
            return scalar();
        }
        return Arbitraries.lazyOf(
                this::scalar,
                () -> value(depth - 1).list().ofMaxSize(3).map(IntakeReaderTest::array),
                () -> unknown(depth - 1).flatMap(l -> object(List.of(), Arbitraries.just(l))));
    }

    private Arbitrary<String> scalar() {
        return Arbitraries.frequencyOf(Tuple.of(100, text().map(IntakeReaderTest::quoted)),
                Tuple.of(100, Arbitraries.of("0", "-1", "12.25", "true", "false", "null", "60.0", "100010",
                        "465000", "-0.5", "1716192962")),
                Tuple.of(1, Arbitraries.of("1e5", "3E-7", "12345678901234567890123", "1.5e999",
                        "0.12345678901234567890123456789")));
    }

    private Arbitrary<String> name() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("FileName", "MetaData", "Url", "Extra", "TaskId", "Status", "Type",
                        "Definition", "Input", "Nonce", "FileId", "Output", "EventType", "data")),
                Tuple.of(1, text()));
    }

    /**
     * Strings of letters, CJK, emoji, quotes, backslashes and control characters, each now raw, now escaped;
     * now and then with a lone surrogate (the tree path refuses those).
     */
    private Arbitrary<String> text() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(4000, Arbitraries.of("a", "Z", "0", " ", "-", "/", ".", "\u00e9", "\u4e2d", "\ud83c\udfac",
                        "\"", "\\", "\n", "\t", "\u0000", "\u2028", "\u007f", "\uffff", "\ud55c")),
                Tuple.of(1, Arbitraries.of("\ud800", "\udfff")));
        return piece.list().ofMaxSize(8).map(l -> String.join("", l));
    }

    /** A JSON string for {@code s}: escaped as JSON needs, each other character (or pair) now raw, now escaped. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) ? !pair && i % 2 == 0 : (c + i) % 5 == 0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (pair) {
                out.append((c + i) % 11 == 0 ? String.format("\\u%04x\\u%04x", (int) c, (int) s.charAt(i + 1))
                        : s.substring(i, i + 2));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String array(List<String> elements) {
        return "[" + String.join(",", elements) + "]";
    }

    /** A field of an object, its value already JSON. */
    record Field(String name, String value) {
    }

    /** An object of the given fields and extra ones, shuffled, now and then with a field given twice. */
    private static Arbitrary<String> object(List<Arbitrary<Field>> fields, Arbitrary<List<Field>> extra) {
        Arbitrary<List<Field>> given = Combinators.combine(fields).as(List::copyOf);
        return Combinators.combine(given, extra, Arbitraries.integers().between(0, 150), Arbitraries.randoms())
                .as((g, e, twice, random) -> {
                    Map<String, Field> once = new LinkedHashMap<>();
                    for (Field f : g) {
                        once.putIfAbsent(f.name(), f);
                    }
                    for (Field f : e) {
                        once.putIfAbsent(f.name(), f);
                    }
                    List<Field> all = new ArrayList<>(once.values());
                    Collections.shuffle(all, random);
                    if (twice == 0 && !all.isEmpty()) {
                        all.add(all.get(random.nextInt(all.size())));
                    }
                    StringBuilder json = new StringBuilder("{");
                    for (Field f : all) {
                        if (json.length() > 1) {
                            json.append(',');
                        }
                        json.append(quoted(f.name())).append(':').append(f.value());
                    }
                    return json.append('}').toString();
                });
    }
}
