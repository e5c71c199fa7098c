package dev.vodhook.emulator.internal.processing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The ffmpeg arguments for one transcoding template. Pure: building them starts nothing. */
final class TranscodeCommand {

    /** HLS segment length in seconds. */
    static final int HLS_SEGMENT_SECONDS = 10;

    private TranscodeCommand() {
    }

    /**
     * Arguments that turn {@code input} into {@code output} (for HLS: the playlist; segments beside it).
     *
     * @param encoder the H.264 encoder ffmpeg has ({@code libx264} or {@code libopenh264})
     * @param upscale whether sources smaller than the template grow to its size
     */
    static List<String> args(Path input, TranscodeTemplate t, String encoder, boolean upscale, Path output) {
        List<String> args = new ArrayList<>(List.of("-i", input.toString(), "-map", "0:v:0?", "-map", "0:a:0?",
                "-vf", scale(t.shortSide(), upscale) + ",format=yuv420p", "-r", Integer.toString(t.fps()),
                "-c:v", encoder, "-b:v", t.videoKbps() + "k", "-maxrate", t.videoKbps() + "k",
                "-g", Integer.toString(t.gop()),
                "-c:a", "aac", "-b:a", t.audioKbps() + "k", "-ar", Integer.toString(t.audioSampleRate()), "-ac", "2"));
        if ("hls".equals(t.format())) {
            String base = output.getFileName().toString().replaceFirst("\\.m3u8$", "");
            args.addAll(List.of("-f", "hls", "-hls_time", Integer.toString(HLS_SEGMENT_SECONDS),
                    "-hls_playlist_type", "vod", "-hls_segment_filename",
                    output.resolveSibling(base + "_%d.ts").toString()));
        } else {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.add(output.toString());
        return args;
    }

    /**
     * A scale filter giving the short side {@code shortSide} pixels and the long side the even size that keeps the
     * aspect ratio, for landscape and portrait alike. Without upscaling, the short side is capped at the source's
     * (rounded down to even).
     */
    static String scale(int shortSide, boolean upscale) {
        String side = upscale ? Integer.toString(shortSide) : "trunc(min(" + shortSide + ",min(iw,ih))/2)*2";
        return "scale=w='if(gte(iw,ih),-2," + side + ")':h='if(gte(iw,ih)," + side + ",-2)'";
    }

    /** Arguments for one JPG frame at {@code seconds}, at the source size. */
    static List<String> snapshot(Path input, double seconds, Path output) {
        return List.of("-ss", String.format(java.util.Locale.ROOT, "%.3f", seconds), "-i", input.toString(),
                "-frames:v", "1", "-q:v", "2", "-update", "1", output.toString());
    }
}
