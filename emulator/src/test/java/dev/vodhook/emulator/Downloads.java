package dev.vodhook.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fetches output URLs the way a player would, for tests that look at what VOD made. */
final class Downloads {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Downloads() {
    }

    /** One GET: status, Content-Type and body. */
    record Download(int status, String contentType, byte[] body) {

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Download get(String url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Download(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** Downloads {@code url} into {@code dir} (keeping its extension) and checks it answered 200. */
    static Path save(String url, Path dir) throws Exception {
        Download d = get(url);
        if (d.status() != 200) {
            throw new AssertionError(url + " answered " + d.status());
        }
        Path file = Files.createTempFile(dir, "download-", url.substring(url.lastIndexOf('.')));
        return Files.write(file, d.body());
    }
}
