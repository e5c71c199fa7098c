import com.tencentcloudapi.vod.v20180717.VodClient;
import com.tencentcloudapi.vod.v20180717.models.ModifyEventConfigRequest;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.vod.VodClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * Pull intake benchmark (run by bench/run.sh): the local VOD, in this process, in PULL mode with N
 * ~4 KB events queued; `vodhook serve --intake pull` in a child process pulls, commits and confirms
 * them. Reports events/s from the receiver being ready to the last confirmation, from its metrics.
 *
 * <p>Usage: java -cp vodhook.jar bench/PullBench.java LAUNCHER EVENTS JDBC-URL PORT WORKDIR (LAUNCHER: ./vodhook)
 */
public class PullBench {
    public static void main(String[] args) throws Exception {
        String launcher = args[0];
        int events = Integer.parseInt(args[1]);
        String database = args[2];
        int port = Integer.parseInt(args[3]);
        Path work = Path.of(args[4]);
        try (LocalVod vod = LocalVod.start(EmulatorConfig.defaults())) {
            ModifyEventConfigRequest pull = new ModifyEventConfigRequest();
            pull.setMode("PULL");
            client(vod).ModifyEventConfig(pull);
            String pad = "x".repeat(3300);
            for (int from = 0; from < events; from += 1000) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = from; i < Math.min(events, from + 1000); i++) {
                    batch.append(i == from ? "" : ",").append("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":"
                            + "{\"FileId\":\"" + (5285890800000000000L + i) + "\",\"MediaBasicInfo\":{\"Name\":\"bench\","
                            + "\"Description\":\"" + pad + "\"},\"ProcedureTaskId\":\"\"}}");
                }
                vod.publishEvents(batch.append("]").toString());
            }
            long started = System.nanoTime();
            ProcessBuilder serve = new ProcessBuilder(launcher, "serve",
                    "--port", String.valueOf(port), "--admin-port", String.valueOf(port), "--database", database,
                    "--intake", "pull", "--intake-only",
                    "--vod-endpoint", vod.baseUrl(), "--secret-id", vod.config().secretId(),
                    "--secret-key", vod.config().secretKey())
                    .redirectErrorStream(true).redirectOutput(work.resolve("pull-receiver.log").toFile());
            serve.environment().put("VODHOOK_LOG_LEVEL", "warn");
            Process receiver = serve.start();
            try {
                String metrics = "http://127.0.0.1:" + port + "/metrics";
                long ready = 0;
                double confirmed = 0;
                long deadline = System.nanoTime() + 300_000_000_000L;
                while (confirmed < events && System.nanoTime() < deadline) {
                    String scrape = get(metrics);
                    if (scrape == null) {
                        Thread.sleep(10);
                        continue;
                    }
                    if (ready == 0) {
                        ready = System.nanoTime();
                    }
                    confirmed = sum(scrape, "vodhook_pull_events_total{outcome=\"confirmed\"");
                    if (confirmed < events) {
                        Thread.sleep(200); // a scrape counts the inbox: keep it rare
                    }
                }
                long done = System.nanoTime();
                String scrape = get(metrics);
                double pulled = sum(scrape, "vodhook_pull_events_total{outcome=\"pulled\"");
                double stored = sum(scrape, "vodhook_events_received_total{source=\"PULL\"");
                double seconds = (done - ready) / 1e9;
                System.out.printf("%-34s %9.0f events/s   %d events pulled %d, stored %d, confirmed %d in %.1f s"
                                + " (receiver ready in %d ms, RSS %d MiB)%n", "vodhook serve --intake pull, SQLite",
                        confirmed / seconds, events, (long) pulled, (long) stored, (long) confirmed, seconds,
                        (ready - started) / 1_000_000, rssMib(receiver.pid()));
            } finally {
                receiver.destroy();
                receiver.waitFor();
            }
        }
    }

    static VodClient client(LocalVod vod) {
        return VodClients.create(URI.create("http://" + vod.endpoint()), vod.config().secretId(),
                vod.config().secretKey(), "ap-guangzhou");
    }

    static String get(String url) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (Exception e) {
            return null;
        }
    }

    static double sum(String scrape, String prefix) {
        return scrape == null ? 0 : scrape.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    static long rssMib(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // gone already
        }
        return -1;
    }
}
