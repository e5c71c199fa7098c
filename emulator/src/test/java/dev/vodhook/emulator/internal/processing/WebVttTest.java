package dev.vodhook.emulator.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The WebVTT of image sprites: one cue per thumbnail, pointing into a 10x10 grid of 142x80 cells. */
class WebVttTest {

    @Test
    void cuesWalkTheGridAndSpillIntoTheNextImage() {
        String vtt = ImageSpriteStep.webVtt(List.of("http://x/a.jpg", "http://x/b.jpg"), 102, 1015.5);

        assertThat(vtt).startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nhttp://x/a.jpg#xywh=0,0,142,80\n");
        assertThat(vtt).contains("00:00:10.000 --> 00:00:20.000\nhttp://x/a.jpg#xywh=142,0,142,80\n");
        assertThat(vtt).contains("00:01:40.000 --> 00:01:50.000\nhttp://x/a.jpg#xywh=0,80,142,80\n");
        assertThat(vtt).contains("00:16:30.000 --> 00:16:40.000\nhttp://x/a.jpg#xywh=1278,720,142,80\n");
        assertThat(vtt).contains("00:16:40.000 --> 00:16:50.000\nhttp://x/b.jpg#xywh=0,0,142,80\n");
        assertThat(vtt).endsWith("00:16:50.000 --> 00:16:55.500\nhttp://x/b.jpg#xywh=142,0,142,80\n");
    }

    @Test
    void aShortMediaHasOneCueEndingWithIt() {
        assertThat(ImageSpriteStep.webVtt(List.of("u"), 1, 1.04))
                .isEqualTo("WEBVTT\n\n00:00:00.000 --> 00:00:01.040\nu#xywh=0,0,142,80\n");
    }
}
