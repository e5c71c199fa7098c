package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.LazyHttpClient;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Downloads a PullUpload source (or its cover) over http/https into a file, following redirects, within a size and
 * time limit. Whatever goes wrong is the source's fault: {@link MediaStepException#sourceFileError}.
 */
public final class UrlFetcher implements AutoCloseable {

    private final LazyHttpClient http;
    private final Duration timeout;

    public UrlFetcher(Duration timeout) {
        this.http = new LazyHttpClient(() -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build());
        this.timeout = timeout;
    }

    /**
     * What was fetched.
     *
     * @param contentType the response's media type, lower case without parameters; empty when it sent none
     */
    record Fetched(Path file, long size, String contentType) {
    }

    Fetched fetch(URI url, long maxBytes, Path target) {
        HttpResponse<InputStream> response;
        try {
            response = http.get().send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException | IllegalStateException e) {
            throw MediaStepException.sourceFileError("could not fetch " + url + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MediaStepException.sourceFileError("interrupted while fetching " + url);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw MediaStepException.sourceFileError(url + " answered HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > maxBytes) {
                throw tooLarge(url, maxBytes);
            }
            return new Fetched(target, copy(body, target, url, maxBytes), contentType(response));
        } catch (IOException e) {
            throw MediaStepException.sourceFileError("could not read " + url + " (" + e + ")");
        }
    }

    private static long copy(InputStream in, Path target, URI url, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(url, maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static MediaStepException tooLarge(URI url, long maxBytes) {
        return MediaStepException.sourceFileError(url + " is larger than the limit of " + maxBytes + " bytes");
    }

    private static String contentType(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Content-Type");
        return header.map(h -> h.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    @Override
    public void close() {
        http.close();
    }
}
