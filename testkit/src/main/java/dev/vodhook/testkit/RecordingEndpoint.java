package dev.vodhook.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The application's endpoint for vodhook's notifications in tests: a real HTTP server on a free loopback port that
 * records every request it gets (headers and raw body, in arrival order) and answers 200 (or what
 * {@link #answerAll} set), or what the test scripted for the next requests: another status, or holding the request
 * until {@link #release()} (a slow or hung endpoint).
 */
public final class RecordingEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    public record Received(String id, String timestamp, String signature, byte[] body, boolean held) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String type() {
            return json().path("type").asText();
        }

        public String fileId() {
            return json().path("data").path("fileId").asText();
        }

        public long sequence() {
            return json().path("data").path("sequence").asLong();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * What to do with the next request that matches: answer {@code status} (with a {@code Retry-After} header when
     * given), or hold it until released.
     */
    private record Script(Predicate<Received> matches, int status, boolean hold, Optional<String> retryAfter) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Script> scripts = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch released = new CountDownLatch(1);
    private volatile int answer = 200;

    private RecordingEndpoint(HttpServer server) {
        this.server = server;
    }

    public static RecordingEndpoint start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            RecordingEndpoint endpoint = new RecordingEndpoint(server);
            server.createContext("/", endpoint::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/vodhook";
    }

    /** The next {@code n} requests (of any media) are answered {@code status}. */
    public RecordingEndpoint answerNext(int status, int n) {
        for (int i = 0; i < n; i++) {
            scripts.add(new Script(r -> true, status, false, Optional.empty()));
        }
        return this;
    }

    /** Every request not scripted otherwise is answered {@code status} from now on (200 until this is called). */
    public RecordingEndpoint answerAll(int status) {
        this.answer = status;
        return this;
    }

    /** The next request (of any media) is answered {@code status} with the header {@code Retry-After: value}. */
    public RecordingEndpoint answerNext(int status, String retryAfter) {
        scripts.add(new Script(r -> true, status, false, Optional.of(retryAfter)));
        return this;
    }

    /** The next {@code n} requests that match are held until {@link #release()}, then answered 200. */
    public RecordingEndpoint holdNext(int n, Predicate<Received> matches) {
        if (released.getCount() == 0) {
            released = new CountDownLatch(1);
        }
        for (int i = 0; i < n; i++) {
            scripts.add(new Script(matches, 200, true, Optional.empty()));
        }
        return this;
    }

    /** Lets every held request go (answered 200), and holds no more until scripted again. */
    public void release() {
        released.countDown();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public long held() {
        return received.stream().filter(Received::held).count();
    }

    /** The requests of one media, in arrival order. */
    public List<Received> of(String fileId) {
        return received().stream().filter(r -> r.fileId().equals(fileId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            Received probe = new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, false);
            Script script = take(probe);
            Received r = script.hold()
                    ? new Received(probe.id(), probe.timestamp(), probe.signature(), body, true) : probe;
            received.add(r);
            if (script.hold()) {
                try {
                    if (!released.await(10, TimeUnit.MINUTES)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] answer = ("{\"answered\":" + script.status() + "}").getBytes(StandardCharsets.UTF_8);
            script.retryAfter().ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
            exchange.sendResponseHeaders(script.status(), answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // the sender gave up (timeout, killed): what it sent is recorded
        }
    }

    private synchronized Script take(Received r) {
        for (Script s : new ArrayList<>(scripts)) {
            if (s.matches().test(r)) {
                scripts.remove(s);
                return s;
            }
        }
        return new Script(x -> true, answer, false, Optional.empty());
    }

    /** As a map of the headers a verifier reads. */
    public static Map<String, String> headers(Received r) {
        return Map.of("webhook-id", r.id(), "webhook-timestamp", r.timestamp(), "webhook-signature", r.signature());
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
