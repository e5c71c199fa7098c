package dev.vodhook.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodhook.cli.config.ConfigKey.Parser;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.RetrySchedule;
import dev.vodhook.store.outbox.NotificationType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** The ways a config value's text becomes a value; each error names the key and says what it wants. */
final class Parsers {
    static final Parser<String> TEXT = (key, raw) -> raw.strip();
    static final Parser<Boolean> BOOL = Parsers::bool;
    static final Parser<Duration> DURATION = Parsers::duration;
    static final Parser<Long> WHOLE_NUMBER = Parsers::wholeNumber;
    static final Parser<List<Integer>> DEFINITIONS = Parsers::definitions;
    static final Parser<URI> URL = Parsers::url;
    static final Parser<List<String>> LIST = (key, raw) -> List.of(raw.strip().split("[,\\s]+"));
    static final Parser<List<NotifyEndpoint>> ENDPOINTS = Parsers::endpoints;

    private Parsers() {
    }

    /** Made when a JSON value is first read: Jackson's first mapper is about 0.05 s of every command's start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A parser whose own messages name the key already, e.g. {@code IntakeMode::parse}. */
    static <T> Parser<T> of(Function<String, T> parse) {
        return (key, raw) -> parse.apply(raw.strip());
    }

    static Parser<Integer> intIn(int min, int max) {
        return (key, raw) -> {
            long v = wholeNumber(key, raw);
            if (v < min || v > max) {
                throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", got " + v);
            }
            return (int) v;
        };
    }

    private static long wholeNumber(String key, String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + raw + "'");
        }
    }

    private static boolean bool(String key, String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, got '" + raw + "'");
        };
    }

    /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, a number of seconds, or ISO-8601 ({@code PT10M}); positive. */
    private static Duration duration(String key, String raw) {
        Duration d;
        try {
            d = parseDuration(raw.strip().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration like 90s, 10m, 2h or 1d; got '" + raw + "'");
        }
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, got '" + raw + "'");
        }
        return d;
    }

    private static Duration parseDuration(String v) {
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        List<Duration> one = RetrySchedule.parse(v).waits(); // the units of notify-retry
        if (one.size() != 1) {
            throw new IllegalArgumentException("not one duration: " + v);
        }
        return one.getFirst();
    }

    private static List<Integer> definitions(String key, String raw) {
        List<Integer> list = new ArrayList<>();
        for (String part : raw.replace("[", "").replace("]", "").split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                list.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be template ids like 100010,100020; got '" + part
                        + "'");
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(key + " is empty; give at least one template id, e.g. 100010");
        }
        return List.copyOf(list);
    }

    private static URI url(String key, String raw) {
        try {
            URI uri = URI.create(raw.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a URL like https://host/path, got '" + raw + "'");
        }
    }

    /** A JSON list of {@code {url, secret (or secrets): one or a list, types}}. */
    private static List<NotifyEndpoint> endpoints(String key, String raw) {
        JsonNode list;
        try {
            list = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(key + " must be a list of endpoints: " + e.getOriginalMessage());
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(key + " must be a list of endpoints, each with url and secret");
        }
        List<NotifyEndpoint> endpoints = new ArrayList<>();
        for (JsonNode e : list) {
            endpoints.add(new NotifyEndpoint(URI.create(e.path("url").asText("")),
                    texts(e.has("secrets") ? e.path("secrets") : e.path("secret")), types(texts(e.path("types")))));
        }
        return endpoints;
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText().strip()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            for (String v : node.asText().split(",")) {
                values.add(v.strip());
            }
        }
        values.removeIf(String::isEmpty);
        return values;
    }

    private static Set<NotificationType> types(List<String> names) {
        Set<NotificationType> types = new HashSet<>();
        for (String name : names) {
            types.add(NotificationType.parse(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown notification type '" + name + "'; known: " + Arrays.stream(NotificationType.values())
                            .map(NotificationType::wireName).toList())));
        }
        return types;
    }
}
