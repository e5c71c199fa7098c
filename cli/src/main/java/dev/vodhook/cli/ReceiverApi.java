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

/** A small client of the receiver's REST API, as any user of it would write one. */
record ReceiverApi(URI base) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code GET /api/media/{fileId}}; empty while the receiver does not know the media. */
    Optional<JsonNode> media(String fileId) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/media/" + fileId))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IOException("GET /api/media/" + fileId + " answered " + r.statusCode());
        }
        return Optional.of(JSON.readTree(r.body()));
    }

    static void download(URI url, Path to) throws IOException, InterruptedException {
        HttpResponse<Path> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofFile(to));
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + r.statusCode());
        }
    }
}
