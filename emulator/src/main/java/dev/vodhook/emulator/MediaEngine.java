package dev.vodhook.emulator;

import dev.vodhook.ffmpeg.Ffmpeg;
import dev.vodhook.ffmpeg.FfmpegException;
import dev.vodhook.ffmpeg.MediaProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Runs ffmpeg for transcodes and snapshots, at most {@code concurrency} at a time (the rest wait their turn).
 * ffmpeg is located on first use, so an emulator on a machine without one still answers the API.
 */
final class MediaEngine {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(30);

    private final Supplier<Ffmpeg> ffmpeg;
    private final Semaphore slots;
    private final boolean upscale;

    MediaEngine(Optional<Path> ffmpegPath, int concurrency, boolean upscale) {
        this.ffmpeg = memoize(() -> Ffmpeg.locate(ffmpegPath));
        this.slots = new Semaphore(concurrency, true);
        this.upscale = upscale;
    }

    /** Transcodes {@code input} into {@code output} (an .mp4, or an .m3u8 with .ts segments beside it). */
    void transcode(Path input, TranscodeTemplate template, Path output) {
        Ffmpeg f = ffmpeg.get();
        if (f.h264Encoder().isEmpty()) {
            throw new FfmpegException("the ffmpeg at " + f.ffmpeg() + " has no H.264 encoder");
        }
        withSlot(() -> f.run(TranscodeCommand.args(input, template, f.h264Encoder(), upscale, output), JOB_TIMEOUT));
        requireOutput(output);
    }

    /** Writes one JPG frame of {@code input} at {@code seconds} (clamped into the media's duration). */
    void snapshot(Path input, double seconds, double duration, Path output) {
        double at = duration > 0 ? Math.max(0, Math.min(seconds, duration - 0.1)) : 0;
        withSlot(() -> ffmpeg.get().run(TranscodeCommand.snapshot(input, at, output), JOB_TIMEOUT));
        requireOutput(output);
    }

    MediaProbe probe(Path file) {
        return ffmpeg.get().probe(file);
    }

    private void withSlot(Runnable job) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegException("interrupted while waiting for an ffmpeg slot", e);
        }
        try {
            job.run();
        } finally {
            slots.release();
        }
    }

    private static void requireOutput(Path output) {
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
