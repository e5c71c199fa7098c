package dev.vodhook.emulator.internal.processing;

import dev.vodhook.emulator.internal.media.Media;
import java.util.function.UnaryOperator;

/** Runs one kind of sub-task on a media file. Failures are thrown; the runner turns them into a FAIL sub-task. */
public interface MediaStep {

    /** The {@link SubTaskSpec#type()} this step runs. */
    String type();

    /** @param priority the task's {@code TasksPriority}: where its ffmpeg jobs queue */
    Result run(Media media, SubTaskSpec spec, int priority);

    /**
     * @param output      the sub-task's VOD {@code Output} object
     * @param mediaChange what the result adds to the media (a transcode, a cover)
     */
    record Result(Object output, UnaryOperator<Media> mediaChange) {
    }
}
