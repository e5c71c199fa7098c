package dev.vodhook.emulator.internal.processing;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** ffmpeg arguments for the image sub-tasks: sampled frames, sprite thumbnails and tiles, GIF and WebP. Pure. */
final class ImageCommands {

    private ImageCommands() {
    }

    /**
     * JPGs of the frames at 0, {@code every}, 2 x {@code every} ... seconds (the first frame at or after each), at
     * most {@code max}, named by {@code pattern} ({@code dir/%d.jpg}, numbered from 1). Times count from the first
     * frame, so a stream that starts late is sampled the same way.
     */
    static List<String> frames(Path input, double every, int max, String scale, Path pattern) {
        String select = "setpts=PTS-STARTPTS,select='gte(t\\," + "selected_n*" + number(every) + ")'";
        return List.of("-i", input.toString(), "-an", "-sn", "-vf", scale.isEmpty() ? select : select + "," + scale,
                "-fps_mode", "vfr", "-frames:v", Integer.toString(max), "-q:v", "2", pattern.toString());
    }

    /** Tiles the numbered JPGs {@code pattern} into {@code columns x rows} images (the last one may be part empty). */
    static List<String> tile(Path pattern, int columns, int rows, Path output) {
        return List.of("-framerate", "1", "-i", pattern.toString(), "-vf", "tile=" + columns + "x" + rows,
                "-q:v", "2", output.toString());
    }

    /** An animated GIF of {@code duration} seconds from {@code start}, at {@code fps}, with a palette made for it. */
    static List<String> gif(Path input, double start, double duration, int fps, Path output) {
        return List.of("-ss", number(start), "-t", number(duration), "-i", input.toString(), "-an", "-sn",
                "-vf", "fps=" + fps + ",split[a][b];[a]palettegen[p];[b][p]paletteuse", "-loop", "0",
                        output.toString());
    }

    /** An animated WebP of {@code duration} seconds from {@code start}, at {@code fps}. */
    static List<String> webp(Path input, double start, double duration, int fps, Path output) {
        return List.of("-ss", number(start), "-t", number(duration), "-i", input.toString(), "-an", "-sn",
                "-vf", "fps=" + fps, "-c:v", "libwebp_anim", "-loop", "0", "-q:v", "75", "-f", "webp",
                output.toString());
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
