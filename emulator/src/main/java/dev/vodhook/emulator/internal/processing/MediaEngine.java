package dev.vodhook.emulator.internal.processing;

import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.FfmpegException;
import dev.vodhook.ffmpeg.MediaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs ffmpeg for every media job, at most {@code concurrency} at a time; waiting jobs go first by priority
 * ({@link FfmpegSlots}). ffmpeg is located on first use, so an emulator on a machine without one still answers the
 * API.
 */
public final class MediaEngine {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(30);

    private final Supplier<Ffmpeg> ffmpeg;
    private final FfmpegSlots slots;
    private final boolean upscale;

    public MediaEngine(Optional<Path> ffmpegPath, int concurrency, boolean upscale) {
        this.ffmpeg = memoize(() -> Ffmpeg.locate(ffmpegPath));
        this.slots = new FfmpegSlots(concurrency);
        this.upscale = upscale;
    }

    /** Whether presets enlarge sources smaller than their nominal size. */
    boolean upscale() {
        return upscale;
    }

    /** The H.264 encoder ffmpeg has ({@code libx264} or {@code libopenh264}). */
    public String h264Encoder() {
        Ffmpeg f = ffmpeg.get();
        if (f.h264Encoder().isEmpty()) {
            throw new FfmpegException("the ffmpeg at " + f.ffmpeg() + " has no H.264 encoder");
        }
        return f.h264Encoder();
    }

    /** Transcodes {@code input} into {@code output} (an .mp4, or an .m3u8 with .ts segments beside it). */
    void transcode(Path input, TranscodeTemplate template, Path output, int priority) {
        run(TranscodeCommand.args(input, template, h264Encoder(), upscale, output), priority);
        requireOutput(output);
    }

    /** Writes one JPG frame of {@code input} at {@code seconds} (clamped into the media's duration). */
    void snapshot(Path input, double seconds, double duration, Path output, int priority) {
        run(TranscodeCommand.snapshot(input, clamp(seconds, duration), output), priority);
        requireOutput(output);
    }

    /** Runs ffmpeg with {@code args} once a slot is free for {@code priority}. */
    public void run(List<String> args, int priority) {
        Ffmpeg f = ffmpeg.get();
        try {
            slots.acquire(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegException("interrupted while waiting for an ffmpeg slot", e);
        }
        try {
            f.run(args, JOB_TIMEOUT);
        } finally {
            slots.release();
        }
    }

    public MediaProbe probe(Path file) {
        return ffmpeg.get().probe(file);
    }

    /** A time inside the media: at least 0, at most 0.1 s before its end (0 when the duration is unknown). */
    static double clamp(double seconds, double duration) {
        return duration > 0 ? Math.max(0, Math.min(seconds, duration - 0.1)) : 0;
    }

    public static void requireOutput(Path output) {
        try {
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                throw new FfmpegException("ffmpeg produced no output " + output.getFileName());
            }
        } catch (java.io.IOException e) {
            throw new FfmpegException("could not read ffmpeg output " + output.getFileName(), e);
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
