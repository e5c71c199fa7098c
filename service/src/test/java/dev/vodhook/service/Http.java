package dev.vodhook.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for tests against a real server. */
public final class Http {
    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        Response(int status, String body) {
            this(status, body, java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
        }

        /** The first value of a response header, if it came. */
        java.util.Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String baseUrl;
    private final java.util.Optional<String> authorization;

    public Http(String baseUrl) {
        this(baseUrl, java.util.Optional.empty());
    }

    private Http(String baseUrl, java.util.Optional<String> authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The same, sending {@code Authorization: Bearer <token>} with every request. */
    public Http withBearer(String token) {
        return new Http(baseUrl, java.util.Optional.of("Bearer " + token));
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    /** A GET with the headers given as name, value, name, value... */
    public Response get(String path, String... headers) {
        HttpRequest.Builder request = request(path).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public Response post(String path, byte[] body) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A request to {@code path} with the headers given as name, value, name, value... */
    public Response post(String path, String body, String... headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Any method, any body (none when null), the headers given as name, value, name, value... */
    public Response send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    public Response post(String path, String body) {
        return post(path, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
