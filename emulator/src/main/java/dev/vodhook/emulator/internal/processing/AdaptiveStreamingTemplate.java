package dev.vodhook.emulator.internal.processing;

import java.util.List;

/**
 * An adaptive streaming template (vod-protocol.md §7.2): HLS sub-streams of H.264 at {@code fps} and AAC at
 * {@code audioKbps}, each with the short side of its picture at {@code shortSide}.
 */
record AdaptiveStreamingTemplate(int definition, int fps, int audioKbps, List<SubStream> subStreams) {

    /** Template 10, clear HLS: 240p to 2160p. */
    static final AdaptiveStreamingTemplate HLS_10 = new AdaptiveStreamingTemplate(10, 24, 48, List.of(
            new SubStream(240, 256), new SubStream(480, 512), new SubStream(720, 512), new SubStream(1080, 1024),
            new SubStream(1440, 3072), new SubStream(2160, 6144)));

    record SubStream(int shortSide, int videoKbps) {
    }

    /**
     * The sub-streams worth making of a source whose picture's short side is {@code sourceShortSide}: those not
     * larger than it, and always at least the smallest one, so a short small input stays small and fast.
     */
    List<SubStream> forSource(int sourceShortSide) {
        List<SubStream> fitting = subStreams.stream().filter(s -> s.shortSide() <= sourceShortSide).toList();
        return fitting.isEmpty() ? List.of(subStreams.getFirst()) : fitting;
    }

    /** The master playlist's name, {@code adp.<Definition>.m3u8}. */
    String masterName() {
        return "adp." + definition + ".m3u8";
    }
}
