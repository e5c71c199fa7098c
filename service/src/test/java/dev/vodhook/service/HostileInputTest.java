package dev.vodhook.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tencentcloudapi.vod.v20180717.models.ApplyUploadResponse;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.signing.CallbackSignature;
import dev.vodhook.signing.Tc3Signer;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.testkit.Samples;
import dev.vodhook.testkit.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input (issue 10 item 6): at least 10,000 generated malformed requests, from one printed seed
 * ({@code -Dhostile.seed=...} replays a run, {@code -Dhostile.inputs=...} changes its size), spread over two
 * receivers' public and admin listeners (one with callback token, sign key, admin and read tokens, one with none)
 * and the local VOD's signed API and storage, sent concurrently (a bounded pool) over keep-alive HTTP clients and
 * raw sockets. Whatever comes back: no 5xx but a 503 with Retry-After, no stack trace, no stored row a 200 did not
 * answer for, no file outside the local VOD's data directory; then all three still answer and a real upload
 * through the official SDK still ends FINISHED.
 */
class HostileInputTest {
    static final String CALLBACK_TOKEN = "hostile-callback-token-1";
    static final String SIGN_KEY = "HostileSignKey42";
    static final String ADMIN_TOKEN = "hostile-admin-token-0123456789";
    static final String READ_TOKEN = "hostile-read-token-0123456789";
    static final List<String> ACTIONS = List.of("ApplyUpload", "CommitUpload", "ProcessMedia",
            "ProcessMediaByProcedure", "EditMedia", "ComposeMedia", "DescribeTaskDetail", "DescribeMediaInfos",
            "DeleteMedia", "CreateProcedureTemplate", "DescribeProcedureTemplates", "ModifyEventConfig",
            "DescribeEventConfig", "PullEvents", "ConfirmEvents", "DescribeEventsState", "NoSuchAction", "");
    static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})");
    static final Pattern STORED_ID = Pattern.compile("\"id\":(\\d+)");
    static final List<String> STACK_TRACE_SIGNS = List.of("at dev.", "at org.", "at java.", "at io.", "at com.",
            "\tat ", "Exception", "java.lang", "java.io", "root:x:0:0");

    @TempDir
    static Path scratch;
    @TempDir
    static Path databases;

    static long seed;
    static String marker;
    static LocalVod vod;
    static LocalVodCalls calls;
    static VodhookServer guarded;
    static VodhookServer open;
    static ApplyUploadResponse session;
    static List<String> samples;

    /** One generated request: where it goes, what it is, how it is sent. */
    record Probe(String target, String what, Callable<Outcome> send) {}

    /** What came back: status 0 when nothing did; {@code sent} is the body, for the stored-row check. */
    record Outcome(String target, String what, List<Integer> statuses, boolean retryAfter, String body, byte[] sent) {
        static Outcome noAnswer(String target, String what) {
            return new Outcome(target, what, List.of(0), false, "", null);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        seed = Long.getLong("hostile.seed", System.nanoTime());
        marker = "vodhook-hostile-" + Long.toHexString(seed);
        System.out.println("HostileInputTest seed " + seed + " (replay with -Dhostile.seed=" + seed + ")");
        vod = LocalVod.start(EmulatorConfig.defaults().withDataDir(scratch.resolve("vod-data")).withUpscale(false)
                .withPullHold(Duration.ofMillis(20)));
        calls = new LocalVodCalls(vod);
        SettableClock clock = SettableClock.at(TestReceivers.START);
        guarded = VodhookServer.start(calls.receiverConfig(TestReceivers.config(databases.resolve("guarded"), clock))
                .withClock(Clock.systemUTC()).withDefinitions(List.of(100010)).withCallbackToken(CALLBACK_TOKEN)
                .withSignKeys(SIGN_KEY).withAdminToken(ADMIN_TOKEN).withReadToken(READ_TOKEN));
        open = VodhookServer.start(calls.receiverConfig(TestReceivers.config(databases.resolve("open"), clock))
                .withIntake(IntakeSettings.defaults().withIntakeOnly(true)));
        session = calls.applyUpload();
        samples = samples();
    }

    @AfterAll
    static void stop() {
        if (open != null) {
            open.close();
        }
        if (guarded != null) {
            guarded.close();
        }
        if (vod != null) {
            vod.close();
        }
    }

    /** testkit's samples, and those of /work/shared/vod-examples when it is there and has others. */
    static List<String> samples() throws IOException {
        List<String> texts = new ArrayList<>(Samples.names().stream().map(Samples::text).toList());
        Path shared = Path.of("/work/shared/vod-examples");
        if (Files.isDirectory(shared)) {
            try (Stream<Path> files = Files.list(shared)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    String text = Files.readString(file);
                    if (!texts.contains(text)) {
                        texts.add(text);
                    }
                }
            }
        }
        return texts;
    }

    @Test
    void malformedInputsGetNo5xxNoStackTraceStoreNothingRefusedAndWriteNothingOutside() throws Exception {
        int total = Integer.getInteger("hostile.inputs", 10_000);
        Path canary = Files.createFile(scratch.resolve(marker + "-canary"));
        assertThat(markedFilesOutside()).as("the search for traversal names finds one").containsExactly(canary);
        Files.delete(canary);
        Set<Path> outsideBefore = outsideDataDir();
        long guardedLast = lastId(guarded);
        long openLast = lastId(open);
        List<Probe> probes = generate(new HostileInputs(seed, marker), total);
        long began = System.nanoTime();

        List<Outcome> outcomes = run(probes);

        report(outcomes, (System.nanoTime() - began) / 1_000_000);
        assertThat(signedApiErrors(outcomes).keySet()).as("signed right, so past the signature check")
                .noneMatch(c -> c.startsWith("AuthFailure"));
        assertThat(outcomes).hasSizeGreaterThanOrEqualTo(total);
        List<String> problems = outcomes.stream().flatMap(o -> problems(o).stream()).toList();
        assertThat(problems.stream().limit(20).toList())
                .as("seed %d: answers that break the rules (first 20 of %d)", seed, problems.size()).isEmpty();
        assertStoredOnlyWhatWasAnswered200(guarded, guardedLast, outcomes, "guarded public");
        assertStoredOnlyWhatWasAnswered200(open, openLast, outcomes, "open public");
        assertThat(outsideDataDir()).as("seed %d: files outside the local VOD's data directory", seed)
                .isEqualTo(outsideBefore);
        assertThat(markedFilesOutside()).as("seed %d: traversal names found outside the data directory", seed).isEmpty();

        for (String url : List.of(guarded.baseUrl(), guarded.adminUrl(), open.baseUrl(), open.adminUrl())) {
            assertThat(new Http(url).get("/healthz").status()).as(url).isEqualTo(200);
        }
        assertThat(new Http(vod.baseUrl()).get("/_emulator/health").status()).isEqualTo(200);
        calls.pushTo(guarded.baseUrl() + "/callback/" + CALLBACK_TOKEN);
        calls.signWith(SIGN_KEY);
        String fileId = calls.uploadSmall();
        await().atMost(Duration.ofSeconds(120)).until(() -> guarded.database().media().findMedia(fileId)
                .map(m -> m.state() == MediaState.FINISHED).orElse(false));
    }

    /** What a run did, for the log: inputs and time, answers per listener, the signed API's error codes. */
    static void report(List<Outcome> outcomes, long millis) {
        Map<String, Map<Integer, Long>> perTarget = outcomes.stream().flatMap(o -> o.statuses().stream()
                        .map(status -> Map.entry(o.target(), status)))
                .collect(Collectors.groupingBy(Map.Entry::getKey, TreeMap::new, Collectors.groupingBy(
                        Map.Entry::getValue, TreeMap::new, Collectors.counting())));
        System.out.printf("HostileInputTest seed %d: %d inputs in %d ms; statuses by target (0: closed without an"
                + " answer, after garbage or while a body past the limit was still being sent) %s%n", seed,
                outcomes.size(), millis, perTarget);
        System.out.printf("HostileInputTest: the signed API calls answered %s%n", signedApiErrors(outcomes));
    }

    static Map<String, Long> signedApiErrors(List<Outcome> outcomes) {
        Pattern code = Pattern.compile("\"Code\":\"([^\"]*)\"");
        return outcomes.stream().filter(o -> o.target().equals("vod api signed"))
                .map(o -> code.matcher(o.body())).map(m -> m.find() ? m.group(1) : "none")
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
    }

    List<String> problems(Outcome o) {
        List<String> found = new ArrayList<>();
        String about = "seed " + seed + ", " + o.target() + ", " + o.what();
        for (int status : o.statuses()) {
            if (status >= 500 && !(status == 503 && o.retryAfter())) {
                found.add(about + ": " + status + " " + abbreviate(o.body()));
            }
        }
        for (String sign : STACK_TRACE_SIGNS) {
            if (o.body().contains(sign)) {
                found.add(about + ": the answer holds '" + sign + "': " + abbreviate(o.body()));
            }
        }
        return found;
    }

    static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    /** Every row stored since {@code lastBefore} is one that a 200 named by its id, holding a body sent then. */
    static void assertStoredOnlyWhatWasAnswered200(VodhookServer receiver, long lastBefore, List<Outcome> outcomes,
                                                   String target) {
        Map<Long, List<String>> answered = new ConcurrentHashMap<>();
        for (Outcome o : outcomes) {
            if (o.target().startsWith(target) && o.statuses().contains(200)) {
                Matcher id = STORED_ID.matcher(o.body());
                while (id.find()) {
                    answered.computeIfAbsent(Long.parseLong(id.group(1)), k -> Collections.synchronizedList(
                            new ArrayList<>())).add(o.sent() == null ? null : new String(o.sent(), StandardCharsets.UTF_8));
                }
            }
        }
        List<EventSummary> stored = receiver.database().inbox().list(EventFilter.all(), Integer.MAX_VALUE).stream()
                .filter(e -> e.id() > lastBefore).toList();
        for (EventSummary row : stored) {
            assertThat(answered).as("seed %d: %s stored row %d, which no 200 named", seed, target, row.id())
                    .containsKey(row.id());
            String body = receiver.database().inbox().find(row.id()).orElseThrow().body();
            List<String> sent = answered.get(row.id());
            if (!sent.contains(null)) {
                assertThat(sent).as("seed %d: %s row %d holds a body no 200 was for", seed, target, row.id())
                        .contains(body);
            }
        }
        System.out.printf("HostileInputTest: %s stored %d rows, each answered 200%n", target, stored.size());
    }

    static long lastId(VodhookServer receiver) {
        return receiver.database().inbox().list(EventFilter.all(), Integer.MAX_VALUE).stream()
                .mapToLong(EventSummary::id).max().orElse(0);
    }

    /** The tree of the data directory's parent, the data directory itself left out. */
    static Set<Path> outsideDataDir() throws IOException {
        Path data = scratch.resolve("vod-data");
        try (Stream<Path> all = Files.walk(scratch)) {
            return all.filter(p -> !p.startsWith(data)).collect(Collectors.toSet());
        }
    }

    /**
     * Files named like a traversal attempt of this run in the places a traversal could reach: the data directory's
     * parents up to the root, a few levels down each, and the working directory. Directories we may not read are
     * passed over (nothing of ours can be in them either).
     */
    static Set<Path> markedFilesOutside() throws IOException {
        Path data = scratch.resolve("vod-data");
        Set<Path> found = new java.util.TreeSet<>();
        List<Path> roots = new ArrayList<>(List.of(Path.of("").toAbsolutePath()));
        for (Path p = data.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            roots.add(p);
        }
        for (Path root : roots) {
            int depth = root.getParent() == null ? 1 : 3;
            Files.walkFileTree(root, Set.of(), depth, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir,
                        java.nio.file.attribute.BasicFileAttributes attributes) {
                    return dir.startsWith(data) ? java.nio.file.FileVisitResult.SKIP_SUBTREE : visit(dir);
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file,
                        java.nio.file.attribute.BasicFileAttributes attributes) {
                    return visit(file);
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                private java.nio.file.FileVisitResult visit(Path path) {
                    if (path.getFileName() != null && path.getFileName().toString().contains(marker)) {
                        found.add(path);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        }
        return found;
    }

    // ---- running ----

    static List<Outcome> run(List<Probe> probes) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Probe probe : probes) {
                futures.add(pool.submit(() -> sendSafely(probe)));
            }
            pool.shutdown();
            // a bound on a hang only, never an expected time
            assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).as("seed %d: inputs still unanswered", seed).isTrue();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.resultNow());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static Outcome sendSafely(Probe probe) {
        try {
            return probe.send().call();
        } catch (UncheckedIOException e) {
            return Outcome.noAnswer(probe.target(), probe.what() + " (no answer: " + e.getMessage() + ")");
        } catch (Exception e) {
            throw new IllegalStateException("seed " + seed + ": the probe itself failed: " + probe.what(), e);
        }
    }

    static Outcome viaClient(String target, String what, Http http, String method, String path, byte[] body,
                             String... headers) {
        try {
            URI.create("http://h" + path);
            Http.Response r = http.send(method, path, body, headers);
            return new Outcome(target, what, List.of(r.status()), r.header("Retry-After").isPresent(), r.body(), body);
        } catch (IllegalArgumentException notForAClient) {
            return viaSocket(target, what, URI.create(http.baseUrl()), method, path, body, headers);
        }
    }

    /** The same request written out by hand: for paths and header values an HTTP client refuses to send. */
    static Outcome viaSocket(String target, String what, URI base, String method, String path, byte[] body,
                             String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1].replaceAll("[\r\n]", " ")).append("\r\n");
        }
        byte[] payload = body == null ? new byte[0] : body;
        head.append("Content-Length: ").append(payload.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + payload.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(payload, 0, all, headBytes.length, payload.length);
        return raw(target, what, base.toString(), all, body);
    }

    static Outcome raw(String target, String what, String base, byte[] bytes, byte[] sent) {
        try (RawConnection c = new RawConnection(base)) {
            String answer;
            try {
                c.send(bytes).finish();
            } catch (UncheckedIOException closedEarly) {
                // the server stopped reading: its answer, if any, is still there to read
            }
            answer = c.answer();
            List<Integer> statuses = new ArrayList<>();
            Matcher m = STATUS_LINE.matcher(answer);
            while (m.find()) {
                statuses.add(Integer.parseInt(m.group(1)));
            }
            if (statuses.isEmpty()) {
                statuses.add(0);
            }
            return new Outcome(target, what, statuses, answer.toLowerCase().contains("\r\nretry-after:"), answer, sent);
        }
    }

    // ---- generating ----

    static List<Probe> generate(HostileInputs in, int total) {
        List<Probe> probes = new ArrayList<>(total);
        Http guardedPublic = new Http(guarded.baseUrl());
        Http openPublic = new Http(open.baseUrl());
        Http guardedAdmin = new Http(guarded.adminUrl());
        Http openAdmin = new Http(open.adminUrl());
        Http vodHttp = new Http(vod.baseUrl());
        for (int i = 0; probes.size() < total; i++) {
            int slot = i % 100;
            if (slot < 28) {
                probes.add(publicProbe(in, "open public", openPublic, false));
            } else if (slot < 44) {
                probes.add(publicProbe(in, "guarded public", guardedPublic, true));
            } else if (slot < 56) {
                probes.add(adminProbe(in, "guarded admin", guardedAdmin, true));
            } else if (slot < 64) {
                probes.add(adminProbe(in, "open admin", openAdmin, false));
            } else if (slot < 72) {
                probes.add(unsignedApiProbe(in, vodHttp));
            } else if (slot < 84) {
                probes.add(signedApiProbe(in, vodHttp));
            } else if (slot < 92) {
                probes.add(storageProbe(in));
            } else {
                probes.add(garbageProbe(in));
            }
        }
        return probes;
    }

    static Probe publicProbe(HostileInputs in, String target, Http http, boolean guardedOne) {
        int kind = in.nextInt(100);
        if (kind < 2) {
            byte[] big = oversize(in);
            return new Probe(target, "oversize body of " + big.length + " bytes",
                    () -> viaClient(target, "oversize " + big.length, http, "POST", "/callback" + token(guardedOne), big,
                            "Content-Type", "application/json"));
        }
        if (kind < 8) {
            String path = in.pick("/callback", "/callback/", "/callback/" + in.randomText(8).replaceAll("\\W", "x"),
                    "/api/events", "/metrics", "/healthz?x=" + in.nextInt(9), "/", "/callback/a/b",
                    in.traversal("/callback/"), in.traversal("/"), "/healthz/../api/events", "/%2e%2e/api/events");
            String method = in.pick("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
            byte[] body = in.chance(0.5) ? null : in.mutatedJson(in.pick(samples));
            return new Probe(target, method + " " + path, () -> viaClient(target, method + " " + path, http, method,
                    path, body, "Content-Type", "application/json"));
        }
        byte[] body = in.mutatedJson(in.pick(samples));
        List<String> headers = new ArrayList<>(List.of("Content-Type", in.chance(0.9) ? "application/json"
                : in.pick("text/plain", "application/json; charset=latin1", "multipart/form-data", "")));
        String path = "/callback";
        String what = "mutated callback";
        if (guardedOne) {
            int auth = in.nextInt(10);
            path = auth == 0 ? "/callback" : auth == 1 ? "/callback/" + CALLBACK_TOKEN + "x" : "/callback/" + CALLBACK_TOKEN;
            long t = System.currentTimeMillis() / 1000 + 300;
            if (auth >= 5) {
                headers.addAll(List.of("Sign", CallbackSignature.sign(SIGN_KEY, t), "T", Long.toString(t)));
                what = "mutated callback, right token and signature";
            } else if (auth >= 2) {
                headers.addAll(List.of("Sign", in.pick("", "00", CallbackSignature.sign("wrong", t), in.randomText(32)),
                        "T", in.pick("", "-1", "abc", "99999999999999999999", Long.toString(t - 100_000), "1e9",
                                Long.toString(t))));
                what = "mutated callback, bad signature";
            } else {
                what = "mutated callback, no or wrong token";
            }
        }
        String finalPath = path;
        String finalWhat = what;
        String[] h = headers.toArray(String[]::new);
        return new Probe(target, finalWhat, () -> viaClient(target, finalWhat, http, "POST", finalPath, body, h));
    }

    static String token(boolean guardedOne) {
        return guardedOne ? "/" + CALLBACK_TOKEN : "";
    }

    static byte[] oversize(HostileInputs in) {
        int size = (1 << 20) + 1 + in.nextInt(1 << 20);
        byte[] big = new byte[size];
        java.util.Arrays.fill(big, (byte) 'x');
        byte[] start = "{\"EventType\":\"NewFileUpload\",\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(start, 0, big, 0, start.length);
        big[size - 2] = '"';
        big[size - 1] = '}';
        return big;
    }

    static Probe adminProbe(HostileInputs in, String target, Http http, boolean guardedOne) {
        String method = "GET";
        byte[] body = null;
        String path = switch (in.nextInt(10)) {
            case 0, 1 -> "/api/events?" + query(in);
            case 2 -> "/api/events/" + idLike(in);
            case 3 -> "/api/media/" + idLike(in);
            case 4, 5 -> {
                method = "POST";
                body = in.mutatedJson("{\"status\":\"DEAD\",\"type\":\"NewFileUpload\",\"since\":\"2026-03-01T00:00:00Z\","
                        + "\"until\":\"2026-03-02T00:00:00Z\"}");
                yield in.pick("/api/events/replay", "/api/events/purge");
            }
            case 6 -> {
                method = "POST";
                yield "/api/events/" + idLike(in) + "/replay";
            }
            case 7 -> in.pick("/metrics", "/metrics?x=1", "/healthz", "/healthz?" + query(in));
            case 8 -> in.traversal(in.pick("/api/", "/api/events/", "/", "/metrics/"));
            default -> "/api/" + in.randomText(1 + in.nextInt(30)).replaceAll("[^A-Za-z0-9/_-]", "%25");
        };
        if (in.chance(0.1)) {
            method = in.pick("PUT", "DELETE", "PATCH", "POST", "GET", "HEAD", "OPTIONS");
        }
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        int auth = in.nextInt(10);
        String authWhat;
        if (auth < 3) {
            authWhat = "no token";
        } else if (auth < 6) {
            headers.addAll(List.of("Authorization", in.badAuthorization(in.chance(0.5) ? ADMIN_TOKEN : READ_TOKEN)));
            authWhat = "bad token";
        } else if (auth < 8) {
            headers.addAll(List.of("Authorization", "Bearer " + READ_TOKEN));
            authWhat = "read token";
        } else {
            headers.addAll(List.of("Authorization", "Bearer " + ADMIN_TOKEN));
            authWhat = "admin token";
        }
        String what = method + " " + abbreviate(path) + ", " + (guardedOne ? authWhat : authWhat + " (none configured)");
        String m = method;
        byte[] b = body;
        String[] h = headers.toArray(String[]::new);
        return new Probe(target, what, () -> viaClient(target, what, http, m, path, b, h));
    }

    static String query(HostileInputs in) {
        StringBuilder query = new StringBuilder();
        for (int i = 1 + in.nextInt(3); i > 0; i--) {
            String key = in.pick("status", "type", "since", "until", "limit", "before", "stauts", "", "status[]");
            String value = in.pick("DEAD", "LOST", "0", "-1", "501", "99999999999999999999", "1e999", "NaN",
                    "%2B999999999-12-31T23:59:59Z", "2026-03-01T00:00:00Z", "%00", "%ff%fe", "%", "%zz",
                    in.randomText(1 + in.nextInt(300)).replaceAll("[^A-Za-z0-9]", "-"));
            query.append(query.isEmpty() ? "" : "&").append(key).append('=').append(value);
        }
        return query.toString();
    }

    static String idLike(HostileInputs in) {
        return in.pick("0", "-1", "1", "abc", "99999999999999999999", "1e3", "%20", "%00", "1.5", "0x10",
                "9223372036854775807", "-9223372036854775808", "1%2F2", "..", "%2e%2e", "x".repeat(3000));
    }

    static Probe unsignedApiProbe(HostileInputs in, Http http) {
        String target = "vod api unsigned";
        byte[] body = in.chance(0.7) ? in.mutatedJson(in.pick(samples)) : in.randomBytes(in.nextInt(200));
        List<String> headers = new ArrayList<>();
        if (in.chance(0.8)) {
            headers.addAll(List.of("X-TC-Action", in.pick(ACTIONS)));
        }
        if (in.chance(0.7)) {
            headers.addAll(List.of("X-TC-Version", in.pick("2018-07-17", "2017-03-12", "", "x")));
        }
        if (in.chance(0.7)) {
            headers.addAll(List.of("X-TC-Timestamp", in.pick(Long.toString(System.currentTimeMillis() / 1000),
                    "0", "-1", "abc", "99999999999999999999", "1e9", "")));
        }
        if (in.chance(0.8)) {
            headers.addAll(List.of("Authorization", in.chance(0.5) ? in.badAuthorization("AKIDx")
                    : "TC3-HMAC-SHA256 Credential=" + in.pick(vod.config().secretId(), "", "x/y/z", "a/b/c/d/e")
                    + "/" + in.pick("2026-03-01", "", "x") + "/vod/tc3_request, SignedHeaders="
                    + in.pick("content-type;host", "host", "", "x;y;z") + ", Signature=" + in.pick("", "00", "zz",
                    HexFormat.of().formatHex(in.randomBytes(32)))));
        }
        headers.addAll(List.of("Content-Type", in.pick("application/json", "text/plain", "", "application/x-www-form-urlencoded")));
        if (in.chance(0.2)) {
            headers.addAll(List.of("X-TC-Token", in.randomText(1 + in.nextInt(100)).replaceAll("[^\\x21-\\x7e]", "_")));
        }
        String[] h = headers.toArray(String[]::new);
        String what = "POST / " + headers.stream().limit(6).collect(Collectors.joining(" "));
        return new Probe(target, abbreviate(what), () -> viaClient(target, abbreviate(what), http, "POST", "/", body, h));
    }

    /** A request signed right (TC3 over the exact bytes), of an action with a mutated body. */
    static Probe signedApiProbe(HostileInputs in, Http http) {
        String target = "vod api signed";
        String action = in.pick(ACTIONS);
        String sample = switch (action) {
            case "ApplyUpload" -> Samples.text("api-ApplyUpload-request.json");
            case "ProcessMedia" -> Samples.text("api-ProcessMedia-request.json");
            case "ConfirmEvents" -> Samples.text("api-ConfirmEvents-request.json");
            case "ModifyEventConfig" -> Samples.text("api-ModifyEventConfig-request.json");
            default -> in.chance(0.5) ? "{\"FileId\":\"5285890813874512345\",\"SubAppId\":0}" : in.pick(samples);
        };
        byte[] body = in.mutatedJson(sample);
        String contentType = in.chance(0.1) ? "application/json; charset=utf-8" : "application/json";
        String what = "signed " + action;
        return new Probe(target, what, () -> {
            long now = System.currentTimeMillis() / 1000;
            String authorization = Tc3Signer.authorization(vod.config().secretId(), vod.config().secretKey(), "vod",
                    "127.0.0.1", contentType, now, body);
            return viaClient(target, what, http, "POST", "/", body, "Content-Type", contentType,
                    "Authorization", authorization, "X-TC-Action", action, "X-TC-Version", "2018-07-17",
                    "X-TC-Timestamp", Long.toString(now), "X-TC-Region", "ap-guangzhou");
        });
    }

    /** COS-style storage: PUT, GET, HEAD, DELETE and multipart, direct and in proxy form, with and without the key. */
    static Probe storageProbe(HostileInputs in) {
        String target = "vod storage";
        String bucket = session.getStorageBucket();
        String allowed = session.getMediaStoragePath();
        String key = switch (in.nextInt(6)) {
            case 0, 1 -> in.traversal(allowed.substring(0, allowed.lastIndexOf('/') + 1));
            case 2 -> in.traversal("/");
            case 3 -> allowed;
            case 4 -> allowed + in.pick("/../../x", "%00", "/", ".", "/%2e%2e/y");
            default -> "/" + in.randomText(1 + in.nextInt(40)).replaceAll("[^A-Za-z0-9._/%-]", "%2F");
        };
        String method = in.pick("PUT", "PUT", "GET", "HEAD", "DELETE", "POST");
        String query = switch (in.nextInt(6)) {
            case 0 -> "?uploads";
            case 1 -> "?partNumber=" + in.pick("1", "0", "-1", "10001", "abc", "99999999999") + "&uploadId="
                    + in.pick("x", "", "..%2F..", in.randomText(10).replaceAll("\\W", "a"));
            case 2 -> "?uploadId=" + in.pick("x", "", in.randomText(10).replaceAll("\\W", "a"));
            default -> "";
        };
        byte[] body = "POST".equals(method) && query.startsWith("?uploadId")
                ? ("<CompleteMultipartUpload><Part><PartNumber>" + in.pick("1", "x", "-1") + "</PartNumber><ETag>"
                        + in.randomText(10).replaceAll("\\W", "a") + "</ETag></Part>" + in.pick("", "</Part>", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;")
                        + "</CompleteMultipartUpload>").getBytes(StandardCharsets.UTF_8)
                : in.randomBytes(in.nextInt(2000));
        List<String> headers = new ArrayList<>();
        int auth = in.nextInt(4);
        if (auth < 2) {
            headers.addAll(List.of("Authorization", "q-sign-algorithm=sha1&q-ak=" + session.getTempCertificate().getSecretId()
                    + "&q-sign-time=1;9999999999&q-signature=00", "x-cos-security-token",
                    auth == 0 ? session.getTempCertificate().getToken() : "wrong-token"));
        } else if (auth == 2) {
            headers.addAll(List.of("Authorization", in.pick("q-ak=", "q-sign-algorithm=sha1", "&&&", "q-ak=AKIDnot")));
        }
        boolean proxyForm = in.chance(0.3);
        String cosHost = bucket + ".cos.ap-guangzhou.myqcloud.com";
        String path = proxyForm ? "http://" + cosHost + key + query : "/cos/" + bucket + key + query;
        String what = method + " " + abbreviate(path) + (auth < 2 ? " with the session's key" : "");
        URI base = URI.create(vod.baseUrl());
        String[] h = headers.toArray(String[]::new);
        return new Probe(target, what, () -> proxyForm ? proxied(target, what, base, method, path, cosHost, body, h)
                : viaSocket(target, what, base, method, path, body, h));
    }

    /** An absolute-form request target with the COS Host, as the upload SDK sends it through its proxy. */
    static Outcome proxied(String target, String what, URI base, String method, String path, String host, byte[] body,
                           String... headers) {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return raw(target, what, base.toString(), all, body);
    }

    /** HTTP-level garbage over a raw socket to any of the five listeners. */
    static Probe garbageProbe(HostileInputs in) {
        int which = in.nextInt(5);
        String base = List.of(guarded.baseUrl(), guarded.adminUrl(), open.baseUrl(), open.adminUrl(), vod.baseUrl())
                .get(which);
        String target = List.of("guarded public", "guarded admin", "open public", "open admin", "vod").get(which)
                + " raw";
        String path = in.pick("/callback", "/callback/" + CALLBACK_TOKEN, "/healthz", "/api/events", "/metrics", "/",
                "/_emulator/health", in.traversal("/"), in.traversal("/cos/" + session.getStorageBucket() + "/"));
        URI uri = URI.create(base);
        byte[] bytes = in.rawGarbage(path, uri.getHost() + ":" + uri.getPort());
        String what = "raw: " + abbreviate(new String(bytes, 0, Math.min(bytes.length, 120), StandardCharsets.ISO_8859_1));
        return new Probe(target, what, () -> raw(target, what, base, bytes, null));
    }
}
