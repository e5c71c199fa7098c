package dev.vodhook.emulator.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ffmpeg command of AdaptiveDynamicStreaming template 10 (HLS); the whole task is in AdaptiveStreamingTest. */
class AdaptiveStreamingCommandTest {

    @Test
    void aSourceOnlyGetsSubStreamsUpToItsSizeAndAtLeastTheSmallest() {
        AdaptiveStreamingTemplate t = AdaptiveStreamingTemplate.HLS_10;

        assertThat(t.forSource(180)).extracting(AdaptiveStreamingTemplate.SubStream::shortSide).containsExactly(240);
        assertThat(t.forSource(720)).extracting(AdaptiveStreamingTemplate.SubStream::shortSide)
                .containsExactly(240, 480, 720);
        assertThat(String.join(" ", AdaptiveStreamingCommand.args(Path.of("in.mp4"), t, t.forSource(480), "libx264",
                true, true, Path.of("out")))).contains("split=2[s0][s1]", "-b:v:0 256k", "-b:v:1 512k",
                "-var_stream_map v:0,a:0 v:1,a:1", "-master_pl_name adp.10.m3u8", "-r 24");
        assertThat(AdaptiveStreamingCommand.args(Path.of("in.mp4"), t, t.forSource(240), "libx264", true, false,
                Path.of("out"))).contains("v:0").doesNotContain("0:a:0", "-c:a");
    }
}
