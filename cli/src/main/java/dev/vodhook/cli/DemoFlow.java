package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.MediaProbe;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The documented VOD flow end to end on this machine: local VOD + receiver, a generated clip, server upload,
 * NewFileUpload → ProcessMedia → transcoding → ProcedureStateChanged → recorded outputs, each output checked.
 */
public final class DemoFlow {

    /** Short side of each preset MP4 template's output (vod-protocol.md §7.1), checked independently of the emulator. */
    static final Map<Integer, Integer> SHORT_SIDE = Map.of(100010, 360, 100020, 540, 100030, 720, 100040, 1080,
            100070, 1440, 100080, 2160);

    /** What the demo does and how long it may wait for each asynchronous step. */
    public record Options(Path workDir, List<Integer> definitions, int clipWidth, int clipHeight, double clipSeconds,
                          Duration stepTimeout) {
        public static Options defaults(Path workDir) {
            return new Options(workDir, List.of(100010, 100020), 1280, 720, 2.0, Duration.ofSeconds(120));
        }
    }

    /** One checked output. */
    public record CheckedOutput(int definition, String url, int width, int height, long size, String codec) {
    }

    public record Result(String fileId, String taskId, List<CheckedOutput> outputs) {
    }

    private final PrintWriter out;
    private final Options options;

    public DemoFlow(PrintWriter out, Options options) {
        this.out = out;
        this.options = options;
    }

    public Result run() throws Exception {
        DemoSteps steps = new DemoSteps(out, 7);
        String secretId = "AKID" + randomHex(16);
        String secretKey = randomHex(16);
        String signKey = randomHex(16); // the application's SignKey: the receiver takes only pushes signed with it
        EmulatorConfig vodConfig = EmulatorConfig.defaults().withCredentials(secretId, secretKey)
                .withDataDir(options.workDir().resolve("vod"));
        try (LocalVod vod = LocalVod.start(vodConfig);
             VodhookServer receiver = VodhookServer.start(receiverConfig(vod, secretId, secretKey, signKey))) {
            steps.run("start local VOD and receiver", () -> {
                LocalSubscription.pushTo(vod, secretId, secretKey, receiver.baseUrl() + "/callback", signKey);
                return vod.baseUrl();
            }, url -> "VOD " + url + ", receiver " + receiver.baseUrl() + " (signed pushes), API " + receiver.adminUrl());

            Path clip = options.workDir().resolve("demo-clip.mp4");
            Ffmpeg ffmpeg = Ffmpeg.locate();
            MediaProbe source = steps.run("generate a test video", () -> {
                ffmpeg.generateClip(clip, options.clipWidth(), options.clipHeight(), options.clipSeconds());
                return ffmpeg.probe(clip);
            }, p -> String.format("%.1f s %dx%d H.264/AAC, %d bytes (%s ffmpeg)", p.duration(), p.width(), p.height(), p.size(), ffmpeg.origin()));

            ServerUpload upload = new ServerUpload(secretId, secretKey, "ap-guangzhou", Optional.empty(), URI.create(vod.baseUrl()));
            ServerUpload.Uploaded uploaded = steps.run("upload (ApplyUpload, storage, Commit)",
                    () -> upload.upload(clip, Optional.empty(), Optional.empty()), u -> "FileId " + u.fileId());

            ReceiverApi api = new ReceiverApi(URI.create(receiver.adminUrl()));
            Poll poll = new Poll(options.stepTimeout());
            steps.run("NewFileUpload pushed and stored", () -> poll.until("the receiver to record the upload",
                    () -> api.media(uploaded.fileId())), m -> "state " + m.path("state").asText());

            JsonNode started = steps.run("ProcessMedia called by the receiver", () -> poll.until("a transcoding task",
                    () -> api.media(uploaded.fileId()).filter(m -> !m.path("taskId").asText("").isEmpty())),
                    m -> "TaskId " + m.path("taskId").asText());

            JsonNode finished = steps.run("ProcedureStateChanged: outputs recorded", () -> poll.until("the task flow to finish",
                    () -> api.media(uploaded.fileId()).filter(DemoFlow::settled)),
                    m -> "state " + m.path("state").asText() + ", " + transcodes(m).size() + " outputs");

            List<CheckedOutput> checked = steps.run("check every output", () -> check(finished, source),
                    list -> list.size() + " playable MP4 files of the expected size");
            checked.forEach(o -> out.printf("  %d  %dx%d  %,d bytes  %s%n", o.definition(), o.width(), o.height(), o.size(), o.url()));
            out.flush();
            return new Result(uploaded.fileId(), started.path("taskId").asText(), checked);
        }
    }

    private ServiceConfig receiverConfig(LocalVod vod, String secretId, String secretKey, String signKey) {
        return ServiceConfig.defaults()
                .withPort(0)
                .withAdminPort(0)
                .withSignKeys(signKey)
                .withVodEndpoint(vod.baseUrl())
                .withCredentials(secretId, secretKey)
                .withDefinitions(options.definitions())
                .withDatabaseUrl("jdbc:sqlite:" + options.workDir().resolve("vodhook.db"));
    }

    private static boolean settled(JsonNode media) {
        String state = media.path("state").asText();
        return state.equals("FINISHED") || state.equals("FAILED");
    }

    private static List<JsonNode> transcodes(JsonNode media) {
        List<JsonNode> list = new ArrayList<>();
        media.path("outputs").forEach(o -> {
            if ("Transcode".equals(o.path("kind").asText())) {
                list.add(o);
            }
        });
        return list;
    }

    private List<CheckedOutput> check(JsonNode media, MediaProbe source) throws Exception {
        List<JsonNode> outputs = transcodes(media);
        List<CheckedOutput> checked = new ArrayList<>();
        for (int definition : options.definitions()) {
            JsonNode o = outputs.stream().filter(x -> x.path("definition").asInt() == definition).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no output recorded for definition " + definition
                            + " (state " + media.path("state").asText() + ")"));
            if (!"SUCCESS".equals(o.path("status").asText())) {
                throw new IllegalStateException("definition " + definition + " failed: ErrCode " + o.path("errCode").asText()
                        + " " + o.path("message").asText());
            }
            checked.add(checkOne(definition, o.path("url").asText(), source));
        }
        return checked;
    }

    private CheckedOutput checkOne(int definition, String url, MediaProbe source) throws Exception {
        Path file = options.workDir().resolve("check-" + definition + ".mp4");
        ReceiverApi.download(URI.create(url), file);
        MediaProbe probe = Ffmpeg.locate().probe(file);
        if (!probe.container().contains("mp4") || probe.videoStreams().isEmpty() || probe.audioStreams().isEmpty()) {
            throw new IllegalStateException(url + " is not an MP4 with video and audio (" + probe.container() + ")");
        }
        String codec = probe.videoStreams().getFirst().codec();
        if (!codec.equals("h264")) {
            throw new IllegalStateException(url + " has video codec " + codec + ", expected h264");
        }
        Integer shortSide = SHORT_SIDE.get(definition);
        if (shortSide != null) {
            int actualShort = Math.min(probe.width(), probe.height());
            int expectedLong = (int) Math.round(shortSide * (double) Math.max(source.width(), source.height())
                    / Math.min(source.width(), source.height()));
            if (actualShort != shortSide || Math.abs(Math.max(probe.width(), probe.height()) - expectedLong) > 2) {
                throw new IllegalStateException(url + " is " + probe.width() + "x" + probe.height()
                        + ", expected short side " + shortSide + " and the source's aspect ratio");
            }
        }
        return new CheckedOutput(definition, url, probe.width(), probe.height(), Files.size(file), codec);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
