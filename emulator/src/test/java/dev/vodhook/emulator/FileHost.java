package dev.vodhook.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A tiny web server that hosts files for PullUpload tests, each with the Content-Type it is given; else 404. */
final class FileHost implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Hosted> files = new ConcurrentHashMap<>();

    private record Hosted(byte[] body, String contentType) {
    }

    FileHost() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            Hosted file = files.get(exchange.getRequestURI().getPath());
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                if (!file.contentType().isEmpty()) {
                    exchange.getResponseHeaders().set("Content-Type", file.contentType());
                }
                exchange.sendResponseHeaders(200, file.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(file.body());
                }
            }
            exchange.close();
        });
        server.start();
    }

    /** Hosts {@code file} at {@code path} and answers its URL. */
    String host(String path, Path file, String contentType) {
        try {
            files.put(path, new Hosted(Files.readAllBytes(file), contentType));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url(path);
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
