package dev.vodhook.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny event receiver for push tests: records every POST body and answers with scripted statuses
 * ({@link #answer(int...)}), then 200.
 */
final class RecordingReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> scripted = new ConcurrentLinkedDeque<>();

    record Received(String path, String contentType, JsonNode body) {
    }

    RecordingReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
            Integer status = scripted.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests get these statuses, in order; after that, 200. */
    RecordingReceiver answer(int... statuses) {
        for (int s : statuses) {
            scripted.add(s);
        }
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/vod/events";
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    List<JsonNode> bodiesOf(String eventType) {
        return received().stream().map(Received::body).filter(b -> b.path("EventType").asText().equals(eventType))
                .toList();
    }

    /** Forgets what was received and any scripted answers. */
    void clear() {
        received.clear();
        scripted.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
