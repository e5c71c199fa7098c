package dev.vodhook.emulator.internal.processing;

/**
 * A transcoding template (vod-protocol.md §7.1): H.264 at {@code fps} with a GOP of {@code gop} frames, AAC at
 * {@code audioSampleRate} Hz stereo; the short side of the picture becomes {@code shortSide}, aspect kept.
 *
 * @param format {@code mp4} or {@code hls}
 */
record TranscodeTemplate(int definition, String name, String format, int shortSide, int videoKbps, int audioKbps,
                         int fps, int gop, int audioSampleRate) {

    static TranscodeTemplate mp4(int definition, String name, int shortSide, int videoKbps, int audioKbps) {
        return new TranscodeTemplate(definition, name, "mp4", shortSide, videoKbps, audioKbps, 25, 240, 44100);
    }

    static TranscodeTemplate hls(int definition, String name, int shortSide, int videoKbps, int audioKbps) {
        return new TranscodeTemplate(definition, name, "hls", shortSide, videoKbps, audioKbps, 25, 240, 44100);
    }

    /** The extension of the main output file: {@code mp4} or {@code m3u8}. */
    String extension() {
        return "hls".equals(format) ? "m3u8" : format;
    }
}
