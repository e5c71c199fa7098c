package dev.vodhook.ffmpeg;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ffmpeg/ffprobe pair that works on this machine, and the few ways vodhook runs them.
 *
 * <p>Found in this order: a configured path, {@code ffmpeg} on PATH, then the LGPL build bundled in the
 * {@code org.bytedeco:ffmpeg} jar (H.264 through openh264), so a fresh machine needs nothing installed.
 */
public record Ffmpeg(Path ffmpeg, Path ffprobe, String origin, String h264Encoder) {

    private static final Logger log = LoggerFactory.getLogger(Ffmpeg.class);
    private static volatile Ffmpeg located;

    /** The ffmpeg to use, found once per JVM unless a path is configured. */
    public static Ffmpeg locate(Optional<Path> configured) {
        if (configured.isPresent()) {
            Path ffmpeg = configured.get();
            if (!Files.isExecutable(ffmpeg)) {
                throw new FfmpegException("configured ffmpeg " + ffmpeg + " is not an executable file");
            }
            Path probe = ffmpeg.resolveSibling(ffmpeg.getFileName().toString().replace("ffmpeg", "ffprobe"));
            if (!Files.isExecutable(probe)) {
                throw new FfmpegException("no ffprobe beside the configured ffmpeg (looked for " + probe + ")");
            }
            return withEncoder(ffmpeg, probe, "configured");
        }
        Ffmpeg found = located;
        if (found == null) {
            synchronized (Ffmpeg.class) {
                if (located == null) {
                    located = onPath().orElseGet(BundledFfmpeg::extract);
                    log.info("Using {} ffmpeg at {} (H.264 encoder {})", located.origin, located.ffmpeg,
                            located.h264Encoder);
                }
                found = located;
            }
        }
        return found;
    }

    /** The ffmpeg to use when nothing is configured. */
    public static Ffmpeg locate() {
        return locate(Optional.empty());
    }

    private static Optional<Ffmpeg> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path ffmpeg = Path.of(dir, "ffmpeg");
            Path probe = Path.of(dir, "ffprobe");
            if (Files.isExecutable(ffmpeg) && Files.isExecutable(probe)) {
                Ffmpeg candidate = withEncoder(ffmpeg, probe, "PATH");
                if (!candidate.h264Encoder.isEmpty()) {
                    return Optional.of(candidate);
                }
                log.warn("ffmpeg on PATH at {} has no H.264 encoder; falling back to the bundled build", ffmpeg);
            }
        }
        return Optional.empty();
    }

    static Ffmpeg withEncoder(Path ffmpeg, Path probe, String origin) {
        ProcessOutput out = exec(List.of(ffmpeg.toString(), "-hide_banner", "-encoders"), Duration.ofSeconds(20));
        String encoders = out.stdout();
        String encoder = encoders.contains(" libx264 ") ? "libx264"
                : encoders.contains(" libopenh264 ") ? "libopenh264" : "";
        return new Ffmpeg(ffmpeg, probe, origin, encoder);
    }

    /** Runs ffmpeg with {@code -hide_banner -nostdin -y -loglevel error} and the given arguments; throws on failure. */
    public void run(List<String> args, Duration timeout) {
        List<String> cmd = new ArrayList<>(List.of(ffmpeg.toString(), "-hide_banner", "-nostdin", "-y", "-loglevel",
                "error"));
        cmd.addAll(args);
        ProcessOutput out = exec(cmd, timeout);
        if (out.exitCode() != 0) {
            throw new FfmpegException("ffmpeg exited with " + out.exitCode() + ": " + lastLines(out.stderr()));
        }
    }

    /** Reads a media file's format and streams with ffprobe. */
    public MediaProbe probe(Path file) {
        ProcessOutput out = exec(List.of(ffprobe.toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", file.toString()), Duration.ofSeconds(60));
        if (out.exitCode() != 0) {
            throw new FfmpegException("ffprobe could not read " + file.getFileName() + ": " + lastLines(out.stderr()));
        }
        return MediaProbe.parse(out.stdout());
    }

    /**
     * Generates a test clip with lavfi: a moving test pattern with a tone, H.264 + AAC in MP4.
     * A one-second 640x360 clip takes well under a second.
     */
    public void generateClip(Path out, int width, int height, double seconds) {
        String d = Double.toString(seconds);
        run(List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25:duration=" + d,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=" + d,
                "-c:v", h264Encoder, "-b:v", "800k", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-shortest", "-movflags", "+faststart", out.toString()),
                Duration.ofSeconds(60));
    }

    static ProcessOutput exec(List<String> cmd, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new FfmpegException("could not start " + cmd.getFirst() + ": " + e.getMessage(), e);
        }
        // Both pipes are drained on their own threads so the process never blocks on a full pipe.
        CompletableFuture<String> stdout = readAsync(p.getInputStream());
        CompletableFuture<String> stderr = readAsync(p.getErrorStream());
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new FfmpegException(cmd.getFirst() + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new ProcessOutput(p.exitValue(), stdout.join(), stderr.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new FfmpegException("interrupted while running " + cmd.getFirst(), e);
        }
    }

    private static CompletableFuture<String> readAsync(InputStream in) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (in) {
                text.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("(unreadable: " + e.getMessage() + ")");
            }
        });
        return text;
    }

    private static String lastLines(String text) {
        String[] lines = text.strip().split("\n");
        int from = Math.max(0, lines.length - 5);
        return String.join(" | ", Arrays.copyOfRange(lines, from, lines.length));
    }

    record ProcessOutput(int exitCode, String stdout, String stderr) {
    }
}
