import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.notify.DeliveryMetrics;
import dev.vodhook.service.notify.NotificationDeliverer;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.notify.WebhookSender;
import dev.vodhook.store.Database;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import dev.vodhook.store.outbox.DeliveryStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Notification benchmarks (run by bench/run.sh notify), with the fat jar on the class path. The application's
 * endpoint is a JDK HTTP server in this JVM answering 204 at once.
 *
 * <pre>
 * throughput JDBC-URL NOTIFICATIONS
 *     Writes NOTIFICATIONS media.ready notifications (one per media: a finished task flow with two outputs, written
 *     by the media store 500 media a transaction, as the processor would one by one), then starts the deliverer
 *     (its own loop, claims, leases, signing, HTTP, marks) and waits until all are DELIVERED: notifications
 *     delivered per second. A warm-up round of half as many runs first, the same way, and is not counted.
 * latency JDBC-URL SAMPLES
 *     A receiver in this JVM with the endpoint configured, idle. For each sample: POST a ProcedureStateChanged
 *     FINISH of a new media to /callback, note when its 200 arrives, and when its media.ready arrives at the
 *     endpoint (one clock). Prints p50/p90/p99 of the difference over SAMPLES after 30 warm-up ones.
 * </pre>
 */
public class NotifyBench {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput(args[1], Integer.parseInt(args[2]));
            case "latency" -> latency(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("throughput or latency, not " + args[0]);
        }
    }

    /**
     * The endpoint: counts requests and the connections they came on (a sender that keeps its connections alive uses
     * a few for all), and notes when each media's media.ready arrived (System.nanoTime).
     */
    record Endpoint(HttpServer server, AtomicLong requests, Map<String, Long> readyAt, Set<InetSocketAddress> peers)
            implements AutoCloseable {
        static Endpoint start() throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            Endpoint e = new Endpoint(server, new AtomicLong(), new ConcurrentHashMap<>(), ConcurrentHashMap.newKeySet());
            server.createContext("/", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    long now = System.nanoTime();
                    var json = JSON.readTree(body);
                    if (json.path("type").asText().equals("media.ready")) {
                        e.readyAt().put(json.path("data").path("fileId").asText(), now);
                    }
                    e.requests().incrementAndGet();
                    e.peers().add(exchange.getRemoteAddress());
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return e;
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    static void throughput(String database, int notifications) throws Exception {
        try (Endpoint endpoint = Endpoint.start(); Database db = Database.open(database)) {
            NotifySettings settings = NotifySettings.defaults().withEndpoints(List.of(NotifyEndpoint.of(endpoint.url(),
                    SECRET))).withConcurrency(Integer.getInteger("concurrency", NotifySettings.defaults().concurrency()));
            db.outbox().configure(List.of(settings.endpoints().getFirst().spec()), Optional.of(1500012345L),
                    Clock.systemUTC().instant());
            int warmUp = notifications / 2;
            long first = 6285890900000000000L;
            write(db, first, warmUp);
            drain(db, settings, warmUp);
            write(db, first + warmUp, notifications);
            double seconds = drain(db, settings, warmUp + notifications);
            System.out.printf("%-44s %7.0f notifications/s   %d delivered in %.2f s after %d to warm up (%d requests"
                    + " on %d connections)%n", "media.ready delivered, " + db.dialect(), notifications / seconds,
                    notifications, seconds, warmUp, endpoint.requests().get(), endpoint.peers().size());
        }
    }

    /** {@code count} media, each a finished task flow with two outputs: one media.ready each. */
    static void write(Database db, long firstFileId, int count) {
        for (int from = 0; from < count; from += 500) {
            int to = Math.min(count, from + 500);
            int start = from;
            db.media().write(Clock.systemUTC().instant(), w -> {
                for (int i = start; i < to; i++) {
                    String fileId = String.valueOf(firstFileId + i);
                    String task = "1500012345-procedurev2-" + String.format("%032x", firstFileId + i) + "t0";
                    w.upsertMedia(new MediaUpdate(fileId, Optional.of("clip"), Optional.empty(), Optional.empty(),
                            MediaState.FINISHED));
                    w.recordTask(new TaskUpdate(task, Optional.of(fileId), "Procedure", TaskStatus.FINISH, 0, "",
                            Optional.empty(), false));
                    w.recordOutputs(fileId, List.of(output(task, fileId, 100010, 640, 360),
                            output(task, fileId, 100020, 960, 540)));
                }
            });
        }
    }

    static OutputRecord output(String task, String fileId, int definition, int width, int height) {
        return new OutputRecord(task, "Transcode", definition, "http://1500012345.vod2.myqcloud.com/f1e2d3c4/" + fileId
                + "/v.f" + definition + ".mp4", width, height, width * 700L, width * 5_000L, 10.0, "mp4",
                OutputStatus.SUCCESS, 0, "", "SUCCESS");
    }

    /**
     * Runs the deliverer until {@code expected} deliveries are DELIVERED; the seconds it took. The clock stops when
     * the deliverer has committed the last mark (its lag timer counts committed marks, read in memory so that the
     * wait costs the database nothing); then the outbox itself must count every delivery DELIVERED and none other.
     */
    static double drain(Database db, NotifySettings settings, long expected) throws Exception {
        MeterRegistry registry = new ServiceMetrics().registry();
        long marked = expected - db.outbox().log().countByStatus().get(DeliveryStatus.DELIVERED);
        double seconds;
        try (NotificationDeliverer deliverer = new NotificationDeliverer(db.outbox(), settings,
                new WebhookSender(settings.timeout()), Clock.systemUTC(), new DeliveryMetrics(registry),
                new SplittableRandom())) {
            Timer delivered = registry.get("vodhook.notify.lag").timer();
            long started = System.nanoTime();
            deliverer.start();
            long deadline = started + 600_000_000_000L;
            while (delivered.count() < marked) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(delivered.count() + " of " + marked + " marked in 10 minutes");
                }
                Thread.sleep(2);
            }
            seconds = (System.nanoTime() - started) / 1e9;
        }
        Map<DeliveryStatus, Long> counts = db.outbox().log().countByStatus();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (counts.get(DeliveryStatus.DELIVERED) != expected || total != expected) {
            throw new IllegalStateException("expected " + expected + " deliveries, all DELIVERED; the outbox has "
                    + counts);
        }
        return seconds;
    }

    static void latency(String database, int samples) throws Exception {
        try (Endpoint endpoint = Endpoint.start()) {
            ServiceConfig config = ServiceConfig.defaults().withPort(0).withAdminPort(0).withDatabaseUrl(database)
                    .withCredentials("AKIDbench", "bench").withVodEndpoint("http://127.0.0.1:9")
                    .withNotifications(NotifySettings.defaults().withEndpoints(List.of(NotifyEndpoint.of(
                            endpoint.url(), SECRET))));
            try (VodhookServer server = VodhookServer.start(config)) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int warmUp = 30;
                long[] micros = new long[samples];
                for (int i = 0; i < warmUp + samples; i++) {
                    String fileId = String.valueOf(7285890900000000000L + i);
                    String task = "1500012345-procedurev2-" + String.format("%032x", 7285890900000000000L + i) + "t0";
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                                    + "/callback")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(finish(fileId, task))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    long acknowledged = System.nanoTime();
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("callback answered " + answer.statusCode());
                    }
                    long deadline = acknowledged + 10_000_000_000L;
                    while (!endpoint.readyAt().containsKey(fileId)) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("no media.ready for " + fileId + " within 10 s");
                        }
                        Thread.onSpinWait();
                    }
                    if (i >= warmUp) {
                        micros[i - warmUp] = (endpoint.readyAt().get(fileId) - acknowledged) / 1000;
                    }
                    Thread.sleep(50); // idle between samples
                }
                Arrays.sort(micros);
                System.out.printf("%-44s p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   (%d samples, min %.1f, max %.1f)%n",
                        "FINISH 200 -> media.ready at endpoint, " + server.database().dialect(), pct(micros, 50),
                        pct(micros, 90), pct(micros, 99), samples, micros[0] / 1000.0, micros[samples - 1] / 1000.0);
            }
        }
    }

    /** A FINISH with two successful transcodes. */
    static String finish(String fileId, String taskId) {
        String output = """
                {"Type":"Transcode","TranscodeTask":{"Status":"SUCCESS","ErrCode":0,"ErrCodeExt":"","Message":"SUCCESS",
                  "Input":{"Definition":%d},"Output":{"Url":"http://1500012345.vod2.myqcloud.com/f1e2d3c4/%s/v.f%d.mp4",
                  "Definition":%d,"Width":%d,"Height":%d,"Bitrate":400000,"Size":500000,"Duration":10.0,
                  "Container":"mov,mp4,m4a,3gp,3g2,mj2"}}}""";
        return "{\"EventType\":\"ProcedureStateChanged\",\"ProcedureStateChangeEvent\":{\"TaskId\":\"" + taskId
                + "\",\"Status\":\"FINISH\",\"ErrCode\":0,\"Message\":\"\",\"FileId\":\"" + fileId
                + "\",\"FileName\":\"clip\",\"MediaProcessResultSet\":["
                + output.formatted(100010, fileId, 100010, 100010, 640, 360) + ","
                + output.formatted(100020, fileId, 100020, 100020, 960, 540) + "]}}";
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }
}
