package dev.vodhook.store.media;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What one event records, as data rather than as calls on a {@link MediaWriter}: so that the writes of the events
 * of one claim can be made together, in a few multi-row statements of one transaction ({@link MediaStore#writeAll}),
 * with the same effect as making them one event after the other. In one event's order: the media, its tasks, then
 * the outputs of the media.
 *
 * @param outputs outputs of {@code media}'s file; none without a media
 */
public record MediaWrites(Optional<MediaUpdate> media, List<TaskUpdate> tasks, List<OutputRecord> outputs) {
    public MediaWrites {
        Objects.requireNonNull(media, "media");
        tasks = List.copyOf(tasks);
        outputs = List.copyOf(outputs);
        if (tasks.stream().map(TaskUpdate::taskId).distinct().count() < tasks.size()) {
            throw new IllegalArgumentException("a task twice in one event's writes");
        }
        if (media.isEmpty() && !outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs belong to a media: " + outputs.size() + " without one");
        }
    }

    /** The file ids and task ids these writes touch: writes of two events that share one are made in order. */
    Stream<String> keys() {
        return Stream.concat(
                Stream.concat(media.stream().map(m -> "f:" + m.fileId()),
                        tasks.stream().flatMap(t -> t.fileId().stream()).map(f -> "f:" + f)),
                tasks.stream().map(t -> "t:" + t.taskId()));
    }
}
