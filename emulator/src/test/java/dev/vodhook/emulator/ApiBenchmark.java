package dev.vodhook.emulator;

import dev.vodhook.signing.Tc3Signer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Not a test: {@code emulator/bench/run.sh api [seconds] [connections]}. Signed DescribeMediaInfos requests per second
 * against a local VOD running in another JVM on this machine ({@link ApiBenchmarkServer}), target at least 5,000.
 * The client is a raw HTTP/1.1 keep-alive client: one virtual thread per connection, each sending the next request
 * as soon as the answer is read; the TC3 signature is computed once per second (it covers the timestamp) and every
 * answer is checked to be HTTP 200 without {@code Error}. Prints the rate, latency percentiles and the CPU used by
 * the server, the client and the rest of the machine over the measured window.
 */
public final class ApiBenchmark {

    static final int TARGET = 5000;
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final byte[] ERROR = "\"Error\"".getBytes(StandardCharsets.US_ASCII);

    private volatile boolean running = true;
    private volatile boolean measuring;
    private final AtomicReference<Signed> signed = new AtomicReference<>(new Signed(-1, new byte[0]));
    private final String endpoint;
    private final byte[] body;
    private final byte[] fileId;
    private volatile int answerBytes;

    private ApiBenchmark(String endpoint, String fileId) {
        this.endpoint = endpoint;
        this.body = ("{\"FileIds\":[\"" + fileId + "\"]}").getBytes(StandardCharsets.UTF_8);
        this.fileId = ("\"FileId\":\"" + fileId + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Process server = startServer();
        try {
            String[] ready = awaitReady(server);
            int port = Integer.parseInt(ready[1]);
            System.out.printf(Locale.ROOT,
                    "server: local VOD (pid %d) on 127.0.0.1:%d, FileId %s; load average before: %s%n",
                    server.pid(), port, ready[2], loadAverage());
            new ApiBenchmark("127.0.0.1:" + port, ready[2]).run(port, connections, window, server);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private void run(int port, int connections, Duration window, Process server) throws Exception {
        List<Connection> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Connection c = new Connection(port);
            all.add(c);
            threads.add(Thread.ofVirtual().name("bench-" + i).start(c::loop));
        }
        Thread.sleep(WARM_UP);
        CpuSample before = CpuSample.take(server);
        long start = System.nanoTime();
        measuring = true;
        Thread.sleep(window);
        measuring = false;
        long elapsed = System.nanoTime() - start;
        CpuSample after = CpuSample.take(server);
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(5));
        }
        report(all, connections, elapsed, before, after);
    }

    private void report(List<Connection> all, int connections, long elapsedNanos, CpuSample before, CpuSample after) {
        long requests = all.stream().mapToLong(c -> c.count).sum();
        long errors = all.stream().mapToLong(c -> c.errors).sum();
        int[] latencies = all.stream().flatMapToInt(c -> Arrays.stream(c.latencyMicros, 0,
                c.samples)).sorted().toArray();
        double seconds = elapsedNanos / 1e9;
        double rate = requests / seconds;
        int cores = Runtime.getRuntime().availableProcessors();
        double wallCpu = seconds * cores;
        double serverCpu = (after.serverNanos() - before.serverNanos()) / 1e9;
        double clientCpu = (after.clientNanos() - before.clientNanos()) / 1e9;
        double machineBusy = after.machineBusySeconds() - before.machineBusySeconds();
        System.out.printf(Locale.ROOT,
                "client: %d keep-alive connections, one virtual thread each; signature computed once"
                + " per second; %d s warm-up, %.1f s measured; answers of %d bytes, each checked for HTTP 200, the"
                + " FileId and no Error%n", connections, WARM_UP.toSeconds(), seconds, answerBytes);
        System.out.printf(Locale.ROOT,
                "DescribeMediaInfos: %.0f requests/s (%d in %.2f s, %d bad answers), latency p50 %.2f ms,"
                + " p99 %.2f ms, max %.2f ms%n", rate, requests, seconds, errors, percentile(latencies, 0.50),
                percentile(latencies, 0.99), percentile(latencies, 1.0));
        System.out.printf(Locale.ROOT,
                "CPU over the window (%d cores = %.1f core-seconds): server %.1f s (%.0f%%), client %.1f s"
                + " (%.0f%%), everything else on the machine %s%n", cores, wallCpu, serverCpu,
                100 * serverCpu / wallCpu,
                clientCpu, 100 * clientCpu / wallCpu, machineBusy < 0 ? "unknown"
                : String.format(Locale.ROOT, "%.1f s (%.0f%%)", Math.max(0, machineBusy - serverCpu - clientCpu),
                100 * Math.max(0, machineBusy - serverCpu - clientCpu) / wallCpu));
        System.out.printf(Locale.ROOT, "server CPU per request: %.0f us; client CPU per request: %.0f us%n",
                1e6 * serverCpu / requests, 1e6 * clientCpu / requests);
        System.out.printf(Locale.ROOT, "target >= %d requests/s: %s%n", TARGET, errors == 0 && rate >= TARGET ? "met"
                : "NOT met");
    }

    /** The request bytes for the current second, signed once per second. */
    private byte[] request() {
        long now = System.currentTimeMillis() / 1000;
        Signed current = signed.get();
        if (current.second() == now) {
            return current.bytes();
        }
        String contentType = "application/json; charset=utf-8";
        String auth = Tc3Signer.authorization(EmulatorConfig.DEFAULT_SECRET_ID, EmulatorConfig.DEFAULT_SECRET_KEY,
                "127", endpoint, contentType, now, body);
        byte[] head = ("POST / HTTP/1.1\r\nHost: " + endpoint + "\r\nContent-Type: " + contentType
                + "\r\nAuthorization: " + auth + "\r\nX-TC-Action: DescribeMediaInfos\r\nX-TC-Version: 2018-07-17"
                + "\r\nX-TC-Timestamp: " + now + "\r\nX-TC-Region: ap-guangzhou\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, bytes, head.length, body.length);
        signed.set(new Signed(now, bytes));
        return bytes;
    }

    private record Signed(long second, byte[] bytes) {
    }

    /** One keep-alive connection and what it measured. */
    private final class Connection {

        private final int port;
        private long count;
        private long errors;
        private int[] latencyMicros = new int[1 << 16];
        private int samples;
        private byte[] buffer = new byte[16 * 1024];

        Connection(int port) {
            this.port = port;
        }

        void loop() {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setTcpNoDelay(true);
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
                InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                while (running) {
                    long started = System.nanoTime();
                    out.write(request());
                    out.flush();
                    boolean ok = readAnswer(in);
                    if (measuring) {
                        count++;
                        errors += ok ? 0 : 1;
                        record((int) ((System.nanoTime() - started) / 1000));
                    }
                }
            } catch (IOException e) {
                if (running) {
                    System.err.println("connection failed: " + e);
                    errors++;
                }
            }
        }

        private void record(int micros) {
            if (samples == latencyMicros.length) {
                latencyMicros = Arrays.copyOf(latencyMicros, samples * 2);
            }
            latencyMicros[samples++] = micros;
        }

        /** Reads one answer; whether it was HTTP 200 without an error. */
        private boolean readAnswer(InputStream in) throws IOException {
            String status = line(in);
            int length = -1;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            if (length < 0) {
                throw new IOException("no Content-Length in the answer (" + status + ")");
            }
            if (buffer.length < length) {
                buffer = new byte[length];
            }
            int read = in.readNBytes(buffer, 0, length);
            answerBytes = length;
            return read == length && status.startsWith("HTTP/1.1 200") && indexOf(buffer, length, ERROR) < 0
                    && indexOf(buffer, length, fileId) >= 0;
        }

        private String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    s.append((char) b);
                }
            }
            return s.toString();
        }
    }

    private static int indexOf(byte[] data, int length, byte[] pattern) {
        outer:
        for (int i = 0; i <= length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static double percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private static Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ApiBenchmarkServer.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String[] awaitReady(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return line.split(" ");
            }
        }
        throw new IOException("the benchmark server ended before it was ready (exit " + server.exitValue() + ")");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** CPU time of the server process, this process and the whole machine (busy seconds from /proc/stat). */
    private record CpuSample(long serverNanos, long clientNanos, double machineBusySeconds) {

        static CpuSample take(Process server) {
            long serverNanos = server.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            long clientNanos = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            return new CpuSample(serverNanos, clientNanos, machineBusy());
        }

        /** user + nice + system + irq + softirq + steal of /proc/stat's first line, in seconds; -1 if unknown. */
        private static double machineBusy() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
                long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                        + Long.parseLong(f[6]) + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                return ticks / 100.0;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
