package dev.vodhook.emulator.internal.processing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ffmpeg arguments that put pieces of media one after the other onto a canvas (EditMedia, ComposeMedia): each
 * clip is cut by input seeking, fitted into the canvas (aspect kept, padded with its colour), at 25 fps, with its
 * sound or silence; a gap is the canvas colour and silence. An optional second sound track (ComposeMedia's audio
 * track) is cut the same way and mixed under the pictures' sound, ending with the pictures. Output: H.264 + AAC MP4.
 * Pure.
 */
public final class ConcatCommand {

    static final int FPS = 25;
    static final int VIDEO_KBPS = 2000;
    static final int AUDIO_KBPS = 128;

    private ConcatCommand() {
    }

    /** A piece of the timeline. */
    public sealed interface Piece permits Clip, Gap {

        double duration();
    }

    /** {@code duration} seconds of {@code source} from {@code start}; a missing stream becomes canvas or silence. */
    public record Clip(Path source, double start, double duration, boolean hasVideo,
            boolean hasAudio) implements Piece {
    }

    /** {@code duration} seconds of canvas colour and silence. */
    public record Gap(double duration) implements Piece {
    }

    /** @param color an ffmpeg colour name, {@code black} or {@code white} */
    public record Canvas(int width, int height, String color) {
    }

    public static List<String> args(List<Piece> pictures, List<Piece> soundTrack, Canvas canvas, boolean withAudio,
                             String encoder, Path output) {
        Graph g = new Graph(canvas);
        StringBuilder concat = new StringBuilder();
        for (Piece piece : pictures) {
            concat.append(g.picture(piece));
            if (withAudio) {
                concat.append(g.sound(piece));
            }
        }
        g.filter(concat + "concat=n=" + pictures.size() + ":v=1:a=" + (withAudio ? 1 : 0) + "[v]"
                + (withAudio ? "[pa]" : ""));
        String audio = "[pa]";
        if (withAudio && !soundTrack.isEmpty()) {
            StringBuilder track = new StringBuilder();
            soundTrack.forEach(piece -> track.append(g.sound(piece)));
            g.filter(track + "concat=n=" + soundTrack.size() + ":v=0:a=1[ta]");
            g.filter("[pa][ta]amix=inputs=2:duration=first:dropout_transition=0:normalize=0[a]");
            audio = "[a]";
        }
        List<String> args = new ArrayList<>(g.inputs);
        args.addAll(List.of("-filter_complex", String.join(";", g.filters), "-map", "[v]"));
        if (withAudio) {
            args.addAll(List.of("-map", audio, "-c:a", "aac", "-b:a", AUDIO_KBPS + "k", "-ar", "44100", "-ac", "2"));
        }
        args.addAll(List.of("-c:v", encoder, "-b:v", VIDEO_KBPS + "k", "-r", Integer.toString(FPS),
                "-movflags", "+faststart", output.toString()));
        return args;
    }

    /** Inputs and filter chains as they are added; each piece gets its own labelled streams. */
    private static final class Graph {

        private final Canvas canvas;
        private final List<String> inputs = new ArrayList<>();
        private final List<String> filters = new ArrayList<>();
        private final java.util.Map<Clip, Integer> clipInputs = new java.util.IdentityHashMap<>();
        private int inputCount;
        private int labels;

        Graph(Canvas canvas) {
            this.canvas = canvas;
        }

        /** Adds the picture of a piece; answers its label. */
        String picture(Piece piece) {
            String label = "[v" + labels++ + "]";
            if (piece instanceof Clip clip && clip.hasVideo()) {
                int in = clipInput(clip);
                filter("[" + in + ":v]scale=" + canvas.width() + ":" + canvas.height()
                        + ":force_original_aspect_ratio=decrease,pad=" + canvas.width() + ":" + canvas.height()
                        + ":(ow-iw)/2:(oh-ih)/2:color=" + canvas.color() + ",setsar=1,fps=" + FPS + ",format=yuv420p"
                        + label);
            } else {
                int in = lavfi("color=c=" + canvas.color() + ":s=" + canvas.width() + "x" + canvas.height() + ":r="
                        + FPS,
                        piece.duration());
                filter("[" + in + ":v]setsar=1,format=yuv420p" + label);
            }
            return label;
        }

        /** Adds the sound of a piece (silence without one); answers its label. */
        String sound(Piece piece) {
            String label = "[a" + labels++ + "]";
            int in = piece instanceof Clip clip && clip.hasAudio() ? clipInput(clip)
                    : lavfi("anullsrc=r=44100:cl=stereo", piece.duration());
            filter("[" + in + ":a]aresample=44100,aformat=sample_fmts=fltp:channel_layouts=stereo" + label);
            return label;
        }

        void filter(String chain) {
            filters.add(chain);
        }

        /** The input of a clip, added once for its picture and its sound. */
        private int clipInput(Clip clip) {
            return clipInputs.computeIfAbsent(clip, c -> {
                inputs.addAll(List.of("-ss", number(c.start()), "-t", number(c.duration()), "-i",
                        c.source().toString()));
                return inputCount++;
            });
        }

        private int lavfi(String source, double duration) {
            inputs.addAll(List.of("-f", "lavfi", "-t", number(duration), "-i", source));
            return inputCount++;
        }
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
