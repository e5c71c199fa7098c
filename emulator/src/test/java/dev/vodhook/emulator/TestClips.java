package dev.vodhook.emulator;

import dev.vodhook.ffmpeg.Ffmpeg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Tiny media files for tests, generated once per JVM. */
final class TestClips {

    private static final Map<String, Path> CLIPS = new ConcurrentHashMap<>();
    private static final Path DIR = tempDir();

    private TestClips() {
    }

    /** A one-second H.264 + AAC MP4 of the given size. */
    static Path clip(int width, int height) {
        return CLIPS.computeIfAbsent(width + "x" + height, name -> {
            Path out = DIR.resolve("clip-" + name + ".mp4");
            Ffmpeg.locate().generateClip(out, width, height, 1.0);
            return out;
        });
    }

    /** A one-second 160x90 H.264 MP4 without sound. */
    static Path silentClip() {
        return CLIPS.computeIfAbsent("silent", name -> {
            Path out = DIR.resolve("silent.mp4");
            Ffmpeg f = Ffmpeg.locate();
            f.run(java.util.List.of("-f", "lavfi", "-i", "testsrc2=size=160x90:rate=25:duration=1", "-c:v",
                    f.h264Encoder(), "-pix_fmt", "yuv420p", out.toString()), java.time.Duration.ofSeconds(30));
            return out;
        });
    }

    /** A 160x90 JPG test picture. */
    static Path picture() {
        return CLIPS.computeIfAbsent("picture", name -> {
            Path out = DIR.resolve("picture.jpg");
            Ffmpeg.locate().run(java.util.List.of("-f", "lavfi", "-i", "testsrc2=size=160x90", "-frames:v", "1",
                    out.toString()), java.time.Duration.ofSeconds(30));
            return out;
        });
    }

    /** Landscape 320x180. */
    static Path landscape() {
        return clip(320, 180);
    }

    /** {@code bytes} of seeded random data named .mp4: not media, but fine for storage and failure paths. */
    static Path noise(int bytes) {
        return CLIPS.computeIfAbsent("noise-" + bytes, name -> {
            byte[] data = new byte[bytes];
            new Random(bytes).nextBytes(data);
            Path out = DIR.resolve(name + ".mp4");
            try {
                Files.write(out, data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        });
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("vodhook-emulator-test-clips-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
