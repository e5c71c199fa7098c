package dev.vodhook.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTest {

    @TempDir
    Path dir;

    @Test
    void generatesAndProbesAClip() {
        Ffmpeg ffmpeg = Ffmpeg.locate();
        Path clip = dir.resolve("clip.mp4");
        ffmpeg.generateClip(clip, 320, 180, 1.0);

        MediaProbe probe = ffmpeg.probe(clip);
        assertThat(probe.container()).contains("mp4");
        assertThat(probe.width()).isEqualTo(320);
        assertThat(probe.height()).isEqualTo(180);
        assertThat(probe.duration()).isBetween(0.9, 1.2);
        assertThat(probe.size()).isEqualTo(fileSize(clip));
        assertThat(probe.videoStreams()).singleElement().satisfies(v -> {
            assertThat(v.codec()).isEqualTo("h264");
            assertThat(v.fps()).isEqualTo(25);
        });
        assertThat(probe.audioStreams()).singleElement().satisfies(a -> {
            assertThat(a.codec()).isEqualTo("aac");
            assertThat(a.samplingRate()).isEqualTo(44100);
        });
    }

    @Test
    void failureNamesTheCause() {
        Ffmpeg ffmpeg = Ffmpeg.locate();
        assertThatThrownBy(() -> ffmpeg.run(List.of("-i", dir.resolve("missing.mp4").toString(),
                dir.resolve("o.mp4").toString()),
                Duration.ofSeconds(20)))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("missing.mp4");
        assertThatThrownBy(() -> ffmpeg.probe(dir.resolve("missing.mp4")))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("missing.mp4");
    }

    @Test
    void aConfiguredPathThatIsNotAProgramIsAClearError() {
        assertThatThrownBy(() -> Ffmpeg.locate(Optional.of(dir.resolve("nope/ffmpeg"))))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("not an executable file");
    }

    @Test
    void theBundledBuildWorksWithoutAnythingInstalled() {
        Ffmpeg bundled = BundledFfmpeg.extract();
        assertThat(bundled.origin()).isEqualTo("bundled");
        assertThat(bundled.h264Encoder()).isEqualTo("libopenh264");
        Path clip = dir.resolve("bundled.mp4");
        bundled.generateClip(clip, 160, 90, 0.5);
        assertThat(bundled.probe(clip).height()).isEqualTo(90);
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
