package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A small client of the receiver's REST API (its admin listener), as any user of it would write one.
 *
 * @param token sent as {@code Authorization: Bearer} when present
 */
record ReceiverApi(URI base, Optional<String> token) {

    ReceiverApi(URI base) {
        this(base, Optional.empty());
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code GET /api/media/{fileId}}; empty while the receiver does not know the media. */
    Optional<JsonNode> media(String fileId) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(authorized(HttpRequest.newBuilder(base.resolve("/api/media/" + fileId)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/media/" + fileId + " answered " + r.statusCode());
        }
        return Optional.of(JSON.readTree(r.body()));
    }

    /** {@code GET /api/probes/{nonce}}: the setup probe as the receiver answered it; empty when it has not. */
    Optional<JsonNode> probe(String nonce) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(authorized(HttpRequest.newBuilder(base.resolve("/api/probes/" + nonce)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/probes/" + nonce + " answered " + r.statusCode()
                    + (r.statusCode() == 401 ? " (give the receiver's admin-token or read-token)" : ""));
        }
        return Optional.of(JSON.readTree(r.body()));
    }

    /** {@code GET /api/events} with the given query parameters (blank values left out). */
    JsonNode events(java.util.Map<String, String> query) {
        StringBuilder path = new StringBuilder("/api/events");
        char sep = '?';
        for (var e : query.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                path.append(sep).append(e.getKey()).append('=')
                        .append(java.net.URLEncoder.encode(e.getValue().strip(), java.nio.charset.StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return call("GET", path.toString(), null);
    }

    /** {@code POST /api/events/{id}/replay}. */
    JsonNode replay(long id) {
        return call("POST", "/api/events/" + id + "/replay", "");
    }

    /** {@code POST /api/events/replay} with a filter ({@code status}, {@code type}, {@code since}, {@code until}). */
    JsonNode replayMatching(java.util.Map<String, String> filter) {
        var body = JSON.createObjectNode();
        filter.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                body.put(k, v.strip());
            }
        });
        return call("POST", "/api/events/replay", body.toString());
    }

    /** {@code GET /api/deliveries} with the given query parameters (blank values left out). */
    JsonNode deliveries(java.util.Map<String, String> query) {
        StringBuilder path = new StringBuilder("/api/deliveries");
        char sep = '?';
        for (var e : query.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                path.append(sep).append(e.getKey()).append('=')
                        .append(java.net.URLEncoder.encode(e.getValue().strip(), java.nio.charset.StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return call("GET", path.toString(), null);
    }

    /** {@code POST /api/deliveries/{id}/replay}. */
    JsonNode replayDelivery(long id) {
        return call("POST", "/api/deliveries/" + id + "/replay", "");
    }

    /** {@code POST /api/deliveries/replay}: an endpoint's DEAD deliveries in a time range. */
    JsonNode replayDeadDeliveries(String endpoint, String since, String until) {
        var body = JSON.createObjectNode().put("endpoint", endpoint);
        if (since != null) {
            body.put("since", since);
        }
        if (until != null) {
            body.put("until", until);
        }
        return call("POST", "/api/deliveries/replay", body.toString());
    }

    /** {@code POST /api/notify/endpoints/enable}. */
    JsonNode enableEndpoint(String url) {
        return call("POST", "/api/notify/endpoints/enable", JSON.createObjectNode().put("url", url).toString());
    }

    /** One API call; a refusal or an unreachable receiver is a {@link UserFacingException} saying why. */
    private JsonNode call(String method, String path, String body) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(30));
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<byte[]> r;
        try {
            r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UserFacingException("cannot reach the receiver at " + base + " (" + e.getClass().getSimpleName()
                    + "); is `vodhook serve` running there? (--url is its admin listener, port 8081 by default)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserFacingException("interrupted", e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UserFacingException(method + " " + path + " answered " + r.statusCode() + " with something that"
                    + " is not JSON; is " + base + " a vodhook receiver?");
        }
        if (r.statusCode() != 200) {
            String hint = r.statusCode() == 401 ? (token.isEmpty() ? "; give --admin-token or set VODHOOK_ADMIN_TOKEN"
                    : "; check --admin-token / VODHOOK_ADMIN_TOKEN") : r.statusCode() == 403
                    ? "; this needs the admin token, not the read token" : "";
            throw new UserFacingException(method + " " + path + " answered " + r.statusCode() + ": "
                    + json.path("message").asText(json.toString()) + hint);
        }
        return json;
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    static void download(URI url, Path to) throws IOException, InterruptedException {
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + r.statusCode());
        }
    }
}
