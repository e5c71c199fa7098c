package dev.vodhook.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page's query string, kept in order: the filters that make a listing a permalink. Empty values are left out;
 * {@link #toString()} is {@code ""} or {@code ?a=1&b=2}, URL-encoded.
 */
public final class Query {
    private final Map<String, String> params;

    private Query(Map<String, String> params) {
        this.params = params;
    }

    public static Query empty() {
        return new Query(new LinkedHashMap<>());
    }

    /** The named parameters of a request ({@code queryParamMap} or {@code formParamMap}), first values, in this order. */
    public static Query of(Map<String, List<String>> request, List<String> names) {
        Query q = empty();
        for (String name : names) {
            List<String> values = request.get(name);
            if (values != null && !values.isEmpty()) {
                q = q.with(name, values.getFirst());
            }
        }
        return q;
    }

    public Query with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(params);
        if (value == null || value.isBlank()) {
            copy.remove(name);
        } else {
            copy.put(name, value.strip());
        }
        return new Query(copy);
    }

    public Query without(String name) {
        return with(name, null);
    }

    public String get(String name) {
        return params.getOrDefault(name, "");
    }

    public Map<String, String> params() {
        return Map.copyOf(params);
    }

    /** The parameters in order, for hidden form fields. */
    public List<Map.Entry<String, String>> entries() {
        return List.copyOf(params.entrySet());
    }

    public boolean isEmpty() {
        return params.isEmpty();
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("?");
        params.forEach((k, v) -> out.append(out.length() > 1 ? "&" : "").append(encode(k)).append('=').append(encode(v)));
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
