package dev.vodhook.emulator.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscodeCommandTest {

    @Test
    void theShortSideGetsTheNominalSizeForLandscapeAndPortrait() {
        assertThat(TranscodeCommand.scale(540, true))
                .isEqualTo("scale=w='if(gte(iw,ih),-2,540)':h='if(gte(iw,ih),540,-2)'");
    }

    @Test
    void withoutUpscalingTheShortSideIsCappedAtTheSourcesEvenSize() {
        assertThat(TranscodeCommand.scale(540, false)).contains("trunc(min(540,min(iw,ih))/2)*2");
    }

    @Test
    void mp4PresetsUseTheTemplatesRatesAndGop() {
        TranscodeTemplate flu = TranscodeTemplates.find(100010).orElseThrow();

        List<String> args = TranscodeCommand.args(Path.of("in.mp4"), flu, "libx264", true,
                Path.of("out/v.f100010.mp4"));

        assertThat(String.join(" ", args)).contains("-r 25", "-c:v libx264", "-b:v 400k", "-g 240", "-c:a aac",
                "-b:a 64k", "-ar 44100", "-ac 2", "-movflags +faststart").endsWith("out/v.f100010.mp4");
    }

    @Test
    void hlsPresetsWriteSegmentsBesideThePlaylist() {
        TranscodeTemplate hls = TranscodeTemplates.find(100210).orElseThrow();

        List<String> args = TranscodeCommand.args(Path.of("in.mp4"), hls, "libopenh264", true,
                Path.of("out/v.f100210.m3u8"));

        assertThat(args).containsSubsequence("-f", "hls").contains("out/v.f100210_%d.ts");
        assertThat(hls.extension()).isEqualTo("m3u8");
    }

    @Test
    void everyCurrentPresetIsKnown() {
        assertThat(List.of(100010, 100020, 100030, 100040, 100070, 100080, 100210, 100220, 100230, 100240, 100270,
                100280)).allSatisfy(d -> assertThat(TranscodeTemplates.find(d)).isPresent());
        assertThat(TranscodeTemplates.find(100020).orElseThrow().shortSide()).isEqualTo(540);
        assertThat(TranscodeTemplates.find(10)).isEmpty();
    }
}
