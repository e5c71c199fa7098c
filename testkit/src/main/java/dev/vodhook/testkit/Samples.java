package dev.vodhook.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sample payloads of vod-protocol.md ({@code vod-examples/}), shipped as test resources so tests run
 * from a clone with nothing beside it. Callback bodies are named {@code callback-*}, API bodies {@code api-*}.
 */
public final class Samples {

    private static final String DIR = "/vod-examples/";

    private Samples() {
    }

    /** Every sample file name, in a stable order. */
    public static List<String> names() {
        return text("index.txt").lines().map(String::strip).filter(s -> s.endsWith(".json")).sorted().toList();
    }

    /** The names of the event notification bodies (3.0 and legacy 2.0). */
    public static List<String> callbacks() {
        return names().stream().filter(n -> n.startsWith("callback-")).toList();
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample named " + name + "; known: " + names());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
