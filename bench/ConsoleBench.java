import dev.vodhook.console.Console;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.http.AdminContext;
import dev.vodhook.store.inbox.ClaimedEvent;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import dev.vodhook.store.inbox.Lease;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import dev.vodhook.store.media.TaskStatus;
import dev.vodhook.store.media.TaskUpdate;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's page renders over a full store (run by bench/run.sh console), with the fat jar on the class path:
 * fills a SQLite database with EVENTS events (about 1.5 KB each, received over the last 4 days, 1 % DEAD, 1 %
 * PENDING, the rest DONE; ten per media) and MEDIA media (two transcodes each, a task, states mixed), serves the
 * console on a free port as the admin listener would, then asks for each page ROUNDS times after a warm-up and
 * prints the server's time in its handler (p50, p95, max) and the round trip over loopback.
 *
 * <p>Usage: java -cp vodhook.jar bench/ConsoleBench.java DIRECTORY EVENTS MEDIA ROUNDS
 */
public class ConsoleBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        int mediaCount = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("console.db"));
        Instant now = Instant.now();
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("console.db"))) {
            long filling = System.nanoTime();
            fill(db, events, mediaCount, now);
            System.out.printf("filled %,d events and %,d media in %.1f s (SQLite, %s)%n", events, mediaCount,
                    (System.nanoTime() - filling) / 1e9, dir.resolve("console.db"));

            Map<String, List<Long>> serverNanos = new ConcurrentHashMap<>();
            Console console = Console.create();
            ServiceConfig config = ServiceConfig.defaults().withClock(Clock.systemUTC());
            AdminContext context = new AdminContext(config, db, new ServiceMetrics(), () -> {}, now.minusSeconds(3600));
            Javalin http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = true;
                c.routes.before(ctx -> ctx.attribute("started", System.nanoTime()));
                c.routes.after(ctx -> {
                    Long started = ctx.attribute("started");
                    if (started != null && ctx.header("X-Bench") != null) {
                        serverNanos.computeIfAbsent(ctx.header("X-Bench"), k -> new ArrayList<>())
                                .add(System.nanoTime() - started);
                    }
                });
                console.register(c.routes, context);
            }).start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + http.port();
                long deepId = db.inbox().list(EventFilter.all(), 1).getFirst().id() / 2;
                String someFile = fileId(mediaCount / 3);
                long someEvent = db.inbox().aboutFile(someFile, 1).getFirst().id();
                var media = db.catalog().list(dev.vodhook.store.media.MediaFilter.all(), 5000);
                var position = media.getLast();
                Map<String, String> pages = new LinkedHashMap<>();
                pages.put("overview", "/");
                pages.put("events", "/events");
                pages.put("events, DEAD", "/events?status=DEAD");
                pages.put("events, type+source", "/events?type=ProcedureStateChanged&source=PULL");
                pages.put("events, time range", "/events?from=" + now.minus(Duration.ofDays(2)) + "&to="
                        + now.minus(Duration.ofDays(2)).plusSeconds(3600));
                pages.put("events, search FileId", "/events?q=" + someFile);
                pages.put("events, page 1000", "/events?before=" + deepId);
                pages.put("event", "/events/" + someEvent);
                pages.put("bulk replay preview", "/events/replay?status=DEAD");
                pages.put("media", "/media");
                pages.put("media, FAILED", "/media?state=FAILED");
                pages.put("media, search name", "/media?q=lesson%20" + (mediaCount / 2));
                pages.put("media, page 100", "/media?after=" + position.updatedAt().toEpochMilli() + ":" + position.fileId());
                pages.put("a media", "/media/" + someFile);
                pages.put("overview counts (poll)", "/overview/counts");
                pages.put("series, 24 h", "/overview/series.json?minutes=1440");
                HttpClient client = HttpClient.newHttpClient();
                System.out.printf("%-26s %9s %9s %9s %11s %8s%n", "page", "p50 ms", "p95 ms", "max ms", "round p50", "bytes");
                for (var page : pages.entrySet()) {
                    List<Long> round = new ArrayList<>();
                    int bytes = 0;
                    for (int i = 0; i < rounds + 10; i++) {
                        String key = i < 10 ? "warm-up" : page.getKey();
                        long started = System.nanoTime();
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + page.getValue()))
                                .header("X-Bench", key).GET().build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(page.getValue() + " answered " + r.statusCode() + ": " + r.body());
                        }
                        if (i >= 10) {
                            round.add(System.nanoTime() - started);
                        }
                        bytes = r.body().length();
                    }
                    long[] server = serverNanos.get(page.getKey()).stream().mapToLong(Long::longValue).sorted().toArray();
                    long[] trips = round.stream().mapToLong(Long::longValue).sorted().toArray();
                    System.out.printf("%-26s %9.2f %9.2f %9.2f %11.2f %8d%n", page.getKey(), ms(pct(server, 50)),
                            ms(pct(server, 95)), ms(server[server.length - 1]), ms(pct(trips, 50)), bytes);
                }
            } finally {
                http.stop();
                console.close();
            }
        }
    }

    static void fill(Database db, int events, int mediaCount, Instant now) {
        SplittableRandom random = new SplittableRandom(42);
        String pad = "x".repeat(900);
        Duration span = Duration.ofDays(4);
        List<IncomingEvent> batch = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            Instant at = now.minus(span).plusMillis(span.toMillis() * i / events);
            int m = random.nextInt(mediaCount);
            String fileId = fileId(m);
            boolean upload = i % 10 == 0;
            String type = upload ? "NewFileUpload" : "ProcedureStateChanged";
            String taskId = "1500012345-procedurev2-" + Integer.toHexString(m) + "t" + i;
            String body = upload
                    ? "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"" + fileId
                            + "\",\"MediaBasicInfo\":{\"Name\":\"lesson " + m + "\",\"Description\":\"" + pad + "\"}}}"
                    : "{\"EventType\":\"ProcedureStateChanged\",\"ProcedureStateChangeEvent\":{\"TaskId\":\"" + taskId
                            + "\",\"Status\":\"FINISH\",\"FileId\":\"" + fileId + "\",\"Message\":\"" + pad + "\"}}";
            EventSource source = i % 3 == 0 ? EventSource.PULL : i % 97 == 0 ? EventSource.RECONCILE : EventSource.PUSH;
            batch.add(new IncomingEvent(at, source, type, "V3", type + ":" + i, body,
                    Map.of("content-type", "application/json", "user-agent", "VOD"), Optional.of(fileId),
                    upload ? Optional.empty() : Optional.of(taskId)));
            if (batch.size() == 500) {
                db.inbox().appendAll(batch);
                batch.clear();
            }
        }
        db.inbox().appendAll(batch);
        // every event handled: 1 % DEAD, 1 % left PENDING with an error, the rest DONE
        while (true) {
            List<ClaimedEvent> claimed = db.inbox().claimDue("bench", now, Duration.ofMinutes(10), 1000);
            if (claimed.isEmpty()) {
                break;
            }
            List<Lease> done = new ArrayList<>();
            for (ClaimedEvent c : claimed) {
                if (c.id() % 100 == 7) {
                    db.inbox().markDead(c.lease(), "ProcessMedia failed: UnauthorizedOperation", now);
                } else if (c.id() % 100 == 13) {
                    db.inbox().markFailed(c.lease(), "InternalError", now.plus(Duration.ofDays(30)));
                } else {
                    done.add(c.lease());
                }
            }
            db.inbox().markAllDone(done, now.minusSeconds(random.nextInt(4 * 86_400)));
        }
        MediaState[] states = {MediaState.FINISHED, MediaState.FINISHED, MediaState.FINISHED, MediaState.PROCESSING,
                MediaState.UPLOADED, MediaState.FAILED};
        for (int from = 0; from < mediaCount; from += 200) {
            int start = from;
            db.media().write(now.minusSeconds(random.nextInt(4 * 86_400)), w -> {
                for (int m = start; m < Math.min(mediaCount, start + 200); m++) {
                    String fileId = fileId(m);
                    String taskId = "1500012345-procedurev2-" + Integer.toHexString(m);
                    w.upsertMedia(new MediaUpdate(fileId, Optional.of("lesson " + m), Optional.of("http://vod/" + m + ".mp4"),
                            Optional.empty(), MediaState.UPLOADED));
                    w.recordTask(new TaskUpdate(taskId, Optional.of(fileId), "Procedure", TaskStatus.PROCESSING, 0, "",
                            Optional.of("vodhook-" + m), true));
                    MediaState state = states[m % states.length];
                    if (state == MediaState.FINISHED) {
                        w.recordOutputs(fileId, List.of(
                                new OutputRecord(taskId, "Transcode", 100010, "http://vod/" + m + ".100010.mp4", 640, 360,
                                        465_000, 3_000_000, 60, "mp4", OutputStatus.SUCCESS, 0, "", ""),
                                new OutputRecord(taskId, "Transcode", 100020, "http://vod/" + m + ".100020.mp4", 960, 540,
                                        1_000_000, 7_000_000, 60, "mp4", OutputStatus.SUCCESS, 0, "", "")));
                    }
                    w.upsertMedia(MediaUpdate.state(fileId, state));
                }
            });
        }
    }

    static String fileId(int m) {
        return String.valueOf(5285890780000000000L + m);
    }

    static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
