import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.qcloud.vod.VodUploadClient;
import com.qcloud.vod.model.VodUploadRequest;
import com.tencentcloudapi.common.profile.HttpProfile;
import dev.vodhook.emulator.ApiCall;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.events.DedupeKeys;
import dev.vodhook.events.EventParser;
import dev.vodhook.events.VodEvent;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.IncomingEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Processing benchmarks (run by bench/run.sh processing), with the fat jar on the class path.
 *
 * <pre>
 * throughput JDBC-URL EVENTS
 *     Fills the inbox with EVENTS distinct ProcedureStateChanged FINISH events (two transcode outputs each, ~1.2 KB),
 *     as intake would store them, then starts the receiver's processor (its own loop, handlers, leases and writes)
 *     and waits until all are DONE: events handled per second, and a check that the last has its outputs recorded.
 *     A warm-up round of EVENTS / 2 runs first, the same way, and is not counted.
 * latency LAUNCHER JDBC-URL PORT WORKDIR SAMPLES
 *     The local VOD in this JVM, `vodhook serve` (LAUNCHER, e.g. ./vodhook) in a child process calling it. For each
 *     sample, when everything is idle: POST a NewFileUpload of a real upload to the receiver, note when its 200
 *     arrives, and when the local VOD received the ProcessMedia call (its API call journal, same clock). Prints
 *     p50/p90/p99 of the difference.
 * </pre>
 */
public class ProcessingBench {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "throughput" -> throughput(args[1], Integer.parseInt(args[2]));
            case "latency" -> latency(args[1], args[2], Integer.parseInt(args[3]), Path.of(args[4]),
                    Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("throughput or latency, not " + args[0]);
        }
    }

    /**
     * A warm-up round of half as many events first (the JIT compiles the handlers, PostgreSQL creates the WAL
     * segments it will then recycle, as a server that has been running does), then the measured round.
     */
    static void throughput(String database, int events) throws Exception {
        long firstFileId = 5285890900000000000L;
        int warmUp = events / 2;
        fill(database, firstFileId, warmUp);
        drain(database, warmUp);
        fill(database, firstFileId + warmUp, events);
        Drained run = drain(database, warmUp + events);
        long handled = run.done() - warmUp;
        long lastOutputs;
        try (Database db = Database.open(database)) {
            lastOutputs = db.media().findMedia(String.valueOf(firstFileId + warmUp + events - 1)).orElseThrow()
                    .outputs().size();
        }
        System.out.printf("%-44s %7.0f events/s   %d handled in %.2f s after %d to warm up (%s; last media has %d"
                        + " outputs)%n", "ProcedureStateChanged handled, " + run.dialect(), handled / run.seconds(),
                handled, run.seconds(), warmUp, run.counts(), lastOutputs);
    }

    /** Appends {@code count} distinct ProcedureStateChanged FINISH events, FileIds from {@code firstFileId}. */
    static void fill(String database, long firstFileId, int count) {
        try (Database db = Database.open(database)) {
            Instant now = Instant.now();
            for (int from = 0; from < count; from += 1000) {
                List<IncomingEvent> batch = new ArrayList<>();
                for (int i = from; i < Math.min(count, from + 1000); i++) {
                    long fileId = firstFileId + i;
                    String body = finish(String.valueOf(fileId),
                            "1500012345-procedurev2-" + String.format("%032x", fileId) + "t0");
                    VodEvent event = EventParser.parse(body.getBytes(StandardCharsets.UTF_8));
                    batch.add(new IncomingEvent(now, EventSource.PUSH, event.eventType(), event.format().name(),
                            DedupeKeys.of(event), body, Map.of()));
                }
                db.inbox().appendAll(batch);
            }
        }
    }

    record Drained(Object dialect, double seconds, long done, Map<EventStatus, Long> counts) {}

    /** Starts the receiver's processor on the filled inbox and times it until no event is due. */
    static Drained drain(String database, long expectedDone) throws Exception {
        ServiceConfig config = ServiceConfig.defaults().withPort(0).withAdminPort(0).withDatabaseUrl(database)
                .withCredentials("AKIDbench", "bench").withVodEndpoint("http://127.0.0.1:9")
                .withIntake(IntakeSettings.defaults().withIntakeOnly(true));
        try (VodhookServer server = VodhookServer.start(config)) {
            long started = System.nanoTime();
            server.processor().start();
            while (server.database().inbox().nextDueAt().isPresent()) { // cheap: the partial index of due rows
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<EventStatus, Long> counts = server.database().inbox().countByStatus();
            long done = counts.get(EventStatus.DONE);
            if (done != expectedDone) {
                throw new IllegalStateException("not all events were handled: " + counts);
            }
            return new Drained(server.database().dialect(), seconds, done, counts);
        }
    }

    static void latency(String launcher, String database, int port, Path work, int samples) throws Exception {
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withUpscale(false))) {
            Path clip = work.resolve("clip-160x90.mp4");
            Files.deleteIfExists(clip);
            Ffmpeg.locate().generateClip(clip, 160, 90, 1.0);
            int warmUp = 30;
            List<String> fileIds = new ArrayList<>();
            for (int i = 0; i < warmUp + samples; i++) {
                fileIds.add(upload(vod, clip));
            }
            ProcessBuilder serve = new ProcessBuilder(launcher, "serve", "--port", String.valueOf(port),
                    "--admin-port", String.valueOf(port),
                    "--database", database, "--definitions", "100010", "--vod-endpoint", vod.baseUrl(),
                    "--secret-id", vod.config().secretId(), "--secret-key", vod.config().secretKey())
                    .redirectErrorStream(true).redirectOutput(work.resolve("latency-receiver.log").toFile());
            Process receiver = serve.start();
            try {
                String base = "http://127.0.0.1:" + port;
                HttpClient http = HttpClient.newHttpClient();
                while (get(http, base + "/healthz") != 200) {
                    Thread.sleep(10);
                }
                long[] micros = new long[samples];
                for (int i = 0; i < warmUp + samples; i++) {
                    String fileId = fileIds.get(i);
                    int callsBefore = vod.apiCalls().ofAction("ProcessMedia").size();
                    HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/callback"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(upload(fileId))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    Instant acknowledged = Instant.now();
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("callback answered " + answer.statusCode());
                    }
                    ApiCall call = awaitCall(vod, callsBefore);
                    if (i >= warmUp) {
                        micros[i - warmUp] = Duration.between(acknowledged, call.receivedAt()).toNanos() / 1000;
                    }
                    awaitIdle(vod, fileId);
                }
                Arrays.sort(micros);
                System.out.printf("%-44s p50 %6.1f ms   p90 %6.1f ms   p99 %6.1f ms   (%d samples, min %.1f, max %.1f)%n",
                        "NewFileUpload 200 -> ProcessMedia at VOD, " + (database.startsWith("jdbc:sqlite") ? "SQLite"
                                : "PostgreSQL"), pct(micros, 50), pct(micros, 90), pct(micros, 99), samples,
                        micros[0] / 1000.0, micros[samples - 1] / 1000.0);
            } finally {
                receiver.destroy();
                receiver.waitFor();
            }
        }
    }

    /** Waits for the next ProcessMedia call the local VOD received (the journal is in this JVM). */
    static ApiCall awaitCall(LocalVod vod, int before) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<ApiCall> calls = vod.apiCalls().ofAction("ProcessMedia");
            if (calls.size() > before) {
                ApiCall call = calls.get(before);
                if (!call.succeeded()) {
                    throw new IllegalStateException("ProcessMedia failed: " + call.errorCode());
                }
                return call;
            }
            Thread.onSpinWait();
        }
        throw new IllegalStateException("no ProcessMedia call within 10 s");
    }

    /** Waits until the local VOD has transcoded the upload, so the next sample starts on an idle machine. */
    static void awaitIdle(LocalVod vod, String fileId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode tasks = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(vod.baseUrl() + "/_emulator/tasks"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            boolean finished = false;
            for (JsonNode task : tasks) {
                finished |= task.path("ProcedureTask").path("FileId").asText().equals(fileId)
                        && task.path("Status").asText().equals("FINISH");
            }
            if (finished) {
                Thread.sleep(100); // let the receiver and the JVMs settle: the sample is taken when idle
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("task on " + fileId + " did not finish");
    }

    static String upload(LocalVod vod, Path clip) throws Exception {
        HttpProfile proxy = new HttpProfile();
        proxy.setProxyHost("127.0.0.1");
        proxy.setProxyPort(vod.port());
        proxy.setProtocol(HttpProfile.REQ_HTTP);
        VodUploadRequest request = new VodUploadRequest();
        request.setMediaFilePath(clip.toString());
        return new VodUploadClient(vod.config().secretId(), vod.config().secretKey(), proxy)
                .upload("ap-guangzhou", request).getFileId();
    }

    static String upload(String fileId) {
        return "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"" + fileId + "\",\"ProcedureTaskId\":\"\","
                + "\"MediaBasicInfo\":{\"Name\":\"clip\",\"MediaUrl\":\"http://vod.example/" + fileId + "/f0.mp4\"}}}";
    }

    /** A FINISH with two successful transcodes, shaped like VOD's. */
    static String finish(String fileId, String taskId) {
        String output = """
                {"Type":"Transcode","TranscodeTask":{"Status":"SUCCESS","ErrCode":0,"ErrCodeExt":"","Message":"SUCCESS",
                  "Input":{"Definition":%d},"Output":{"Url":"http://1500012345.vod2.myqcloud.com/f1e2d3c4/%s/v.f%d.mp4",
                  "Definition":%d,"Width":%d,"Height":%d,"Bitrate":%d,"Size":%d,"Duration":10.0,"Container":"mov,mp4,m4a,3gp,3g2,mj2",
                  "Md5":"0123456789abcdef0123456789abcdef","VideoStreamSet":[{"Codec":"h264","Fps":25,"Bitrate":%d,"Width":%d,"Height":%d}],
                  "AudioStreamSet":[{"Codec":"aac","SamplingRate":44100,"Bitrate":64000}]}}}""";
        return "{\"EventType\":\"ProcedureStateChanged\",\"ProcedureStateChangeEvent\":{\"TaskId\":\"" + taskId
                + "\",\"Status\":\"FINISH\",\"ErrCode\":0,\"Message\":\"\",\"FileId\":\"" + fileId
                + "\",\"FileName\":\"clip\",\"FileUrl\":\"http://1500012345.vod2.myqcloud.com/f1e2d3c4/" + fileId
                + "/f0.mp4\",\"SessionContext\":\"\",\"SessionId\":\"\",\"MediaProcessResultSet\":["
                + output.formatted(100010, fileId, 100010, 100010, 640, 360, 400000, 500000, 336000, 640, 360) + ","
                + output.formatted(100020, fileId, 100020, 100020, 960, 540, 1000000, 1250000, 936000, 960, 540)
                + "]}}";
    }

    static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    static int get(HttpClient http, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return 0;
        }
    }
}
