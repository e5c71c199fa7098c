package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.internal.processing.ConcatCommand;
import dev.vodhook.emulator.internal.processing.MediaEngine;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The work of EditMedia and ComposeMedia: resolves a timeline of media cuts and blanks against the stored media,
 * renders it with one ffmpeg run ({@link ConcatCommand}) and makes the result a new media. A FileId that is gone or
 * has no original is a source file error (60000); a cut outside its media is bad input (40000).
 */
public final class MediaComposer {

    private final MediaRepository media;
    private final ObjectStore store;
    private final MediaEngine engine;
    private final MediaCreator creator;
    private final Clock clock;

    public MediaComposer(MediaRepository media, ObjectStore store, MediaEngine engine, MediaCreator creator,
            Clock clock) {
        this.media = media;
        this.store = store;
        this.engine = engine;
        this.creator = creator;
        this.clock = clock;
    }

    /** A piece of a timeline as requested. */
    public sealed interface Item permits Cut, Blank {
    }

    /** {@code fileId} from {@code start} to {@code end} seconds; {@code end <= 0}: to the end of the media. */
    public record Cut(String fileId, double start, double end) implements Item {
    }

    /** {@code duration} seconds of canvas and silence. */
    public record Blank(double duration) implements Item {
    }

    /**
     * Renders {@code pictures} (and {@code soundTrack} mixed under them) onto the canvas {@code canvas} chooses from
     * the media cut for pictures, and creates the new media described by {@code output}.
     */
    public Media compose(long subAppId, List<Item> pictures, List<Item> soundTrack,
                  Function<List<Media>, ConcatCommand.Canvas> canvas, boolean withAudio, MediaCreator.Original output,
                  int priority) {
        List<Media> cutMedia = new ArrayList<>();
        List<ConcatCommand.Piece> picturePieces = pictures.stream().map(i -> piece(subAppId, i, cutMedia)).toList();
        List<ConcatCommand.Piece> soundPieces = soundTrack.stream().map(i -> piece(subAppId, i,
                new ArrayList<>())).toList();
        ConcatCommand.Canvas chosen = canvas.apply(List.copyOf(cutMedia));
        Path dir = creator.scratch("compose-");
        try {
            Path result = dir.resolve("composed.mp4");
            engine.run(ConcatCommand.args(picturePieces, soundPieces, chosen, withAudio, engine.h264Encoder(), result),
                    priority);
            MediaEngine.requireOutput(result);
            return creator.create(output, result, creator.probeMedia(result), Optional.empty(), clock.instant());
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    private ConcatCommand.Piece piece(long subAppId, Item item, List<Media> used) {
        return switch (item) {
            case Blank b -> new ConcatCommand.Gap(b.duration());
            case Cut c -> {
                Media m = media.find(c.fileId()).filter(x -> x.subAppId() == subAppId).orElseThrow(() ->
                        MediaStepException.sourceFileError("FileId " + c.fileId() + " does not exist"));
                Path source = m.originalKey().flatMap(store::find).orElseThrow(() ->
                        MediaStepException.sourceFileError("the original of FileId " + c.fileId() + " was deleted"));
                double length = m.metaData().duration();
                double end = c.end() > 0 ? Math.min(c.end(), length > 0 ? length : c.end()) : length;
                if (end - c.start() <= 0) {
                    throw MediaStepException.invalidInput("FileId " + c.fileId() + " has nothing between " + c.start()
                            + " s and " + (c.end() > 0 ? c.end() + " s" : "its end (" + length + " s)"));
                }
                used.add(m);
                yield new ConcatCommand.Clip(source, c.start(), end - c.start(),
                        !m.metaData().videoStreamSet().isEmpty(), !m.metaData().audioStreamSet().isEmpty());
            }
        };
    }

    /** A width or height made even (H.264 wants even sizes), at least 2. */
    public static int even(long size) {
        return (int) Math.max(2, size / 2 * 2);
    }
}
