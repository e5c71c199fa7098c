package dev.vodhook.emulator.internal.processing;

import ch.qos.logback.classic.Level;
import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.DescribeTaskDetailRequest;
import dev.vodhook.emulator.DirectUpload;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.emulator.ProcessMediaTest;
import dev.vodhook.emulator.VodSdk;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.ffmpeg.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Not a test: {@code emulator/bench/run.sh transcode}. Transcodes one 10 s 720p clip to preset 100020, through the
 * local VOD (from the ProcessMedia call until its ProcedureStateChanged FINISH arrives at a receiver) and with the
 * same ffmpeg command run bare, alternating, and prints both and their ratio. Target: through the local VOD at most
 * 1.15 times bare. The client waits for the push rather than polling DescribeTaskDetail, so that its own requests do
 * not take CPU from ffmpeg on a small machine.
 */
public final class TranscodeBenchmark {

    static final double TARGET = 1.15;

    private TranscodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(Level.WARN);
        Ffmpeg ffmpeg = Ffmpeg.locate();
        Path dir = Files.createTempDirectory("vodhook-bench-");
        Path clip = dir.resolve("clip-1280x720-10s.mp4");
        ffmpeg.generateClip(clip, 1280, 720, 10.0);
        TranscodeTemplate sd = TranscodeTemplates.find(100020).orElseThrow();
        System.out.printf(Locale.ROOT, "ffmpeg %s (%s, %s); clip %s (%d bytes); %d rounds after a warm-up%n",
                ffmpeg.ffmpeg(), ffmpeg.origin(), ffmpeg.h264Encoder(), clip.getFileName(), Files.size(clip), rounds);
        try (FinishReceiver receiver = new FinishReceiver();
             LocalVod vod = LocalVod.start(EmulatorConfig.defaults().withNotificationUrl(receiver.url()))) {
            VodClient client = VodSdk.client(vod);
            String fileId = DirectUpload.upload(vod, clip).getFileId();
            bare(ffmpeg, clip, sd, dir);
            throughVod(client, fileId, receiver);
            List<Double> bare = new ArrayList<>();
            List<Double> local = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                bare.add(bare(ffmpeg, clip, sd, dir));
                local.add(throughVod(client, fileId, receiver));
                System.out.printf(Locale.ROOT, "round %d: bare %.3f s, through the local VOD %.3f s%n", i + 1,
                        bare.getLast(), local.getLast());
            }
            double ratio = median(local) / median(bare);
            System.out.printf(Locale.ROOT,
                    "median: bare %.3f s, through the local VOD %.3f s, ratio %.3f (target <= %.2f: %s)%n",
                    median(bare), median(local), ratio, TARGET, ratio <= TARGET ? "met" : "NOT met");
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /** The command the local VOD runs for 100020, run directly. */
    private static double bare(Ffmpeg ffmpeg, Path clip, TranscodeTemplate t, Path dir) {
        Path out = dir.resolve("bare.mp4");
        long start = System.nanoTime();
        ffmpeg.run(TranscodeCommand.args(clip, t, ffmpeg.h264Encoder(), true, out), Duration.ofMinutes(10));
        return (System.nanoTime() - start) / 1e9;
    }

    /** ProcessMedia with 100020, then wait for its FINISH event. */
    private static double throughVod(VodClient client, String fileId, FinishReceiver receiver) throws Exception {
        long start = System.nanoTime();
        DescribeTaskDetailRequest detail = new DescribeTaskDetailRequest();
        detail.setTaskId(client.ProcessMedia(ProcessMediaTest.request(fileId, 100020)).getTaskId());
        receiver.awaitFinish(detail.getTaskId());
        double seconds = (System.nanoTime() - start) / 1e9;
        var result = client.DescribeTaskDetail(detail).getProcedureTask()
                .getMediaProcessResultSet()[0].getTranscodeTask();
        if (!"SUCCESS".equals(result.getStatus())) {
            throw new IllegalStateException("the transcode failed: " + result.getMessage());
        }
        return seconds;
    }

    /** Receives pushes and wakes whoever waits for a task's FINISH. */
    private static final class FinishReceiver implements AutoCloseable {

        private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
        private final java.util.Map<String, java.util.concurrent.CompletableFuture<Void>> finished =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final com.sun.net.httpserver.HttpServer server;

        FinishReceiver() throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                var event = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("ProcedureStateChangeEvent");
                if ("FINISH".equals(event.path("Status").asText())) {
                    future(event.path("TaskId").asText()).complete(null);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
        }

        void awaitFinish(String taskId) throws Exception {
            future(taskId).get(10, java.util.concurrent.TimeUnit.MINUTES);
        }

        private java.util.concurrent.CompletableFuture<Void> future(String taskId) {
            return finished.computeIfAbsent(taskId, id -> new java.util.concurrent.CompletableFuture<>());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
