package dev.vodhook.ffmpeg;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;

/**
 * Extracts the ffmpeg and ffprobe programs bundled in the {@code org.bytedeco:ffmpeg} platform jar into
 * javacpp's cache (once; later runs reuse the cache). The programs find their shared libraries through
 * their {@code $ORIGIN} run path, so nothing else is loaded into this JVM.
 */
final class BundledFfmpeg {

    private BundledFfmpeg() {
    }

    static Ffmpeg extract() {
        String platform = Loader.getPlatform();
        String dir = "/org/bytedeco/ffmpeg/" + platform + "/";
        File[] extracted;
        try {
            extracted = Loader.cacheResources(org.bytedeco.ffmpeg.ffmpeg.class, dir);
        } catch (IOException e) {
            throw new FfmpegException("could not extract the bundled ffmpeg for " + platform + ": " + e.getMessage(),
                    e);
        }
        if (extracted == null || extracted.length == 0) {
            throw new FfmpegException("no bundled ffmpeg for platform " + platform
                    + "; install ffmpeg on PATH or configure its path");
        }
        Path home = extracted[0].toPath();
        Path ffmpeg = home.resolve("ffmpeg");
        Path ffprobe = home.resolve("ffprobe");
        makeExecutable(ffmpeg);
        makeExecutable(ffprobe);
        Ffmpeg found = Ffmpeg.withEncoder(ffmpeg, ffprobe, "bundled");
        if (found.h264Encoder().isEmpty()) {
            throw new FfmpegException("the bundled ffmpeg at " + ffmpeg + " has no H.264 encoder");
        }
        return found;
    }

    private static void makeExecutable(Path program) {
        if (!Files.exists(program)) {
            throw new FfmpegException("the bundled ffmpeg jar has no " + program.getFileName());
        }
        if (!Files.isExecutable(program) && !program.toFile().setExecutable(true, false)) {
            throw new FfmpegException("could not mark " + program + " executable");
        }
    }
}
