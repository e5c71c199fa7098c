package dev.vodhook.emulator.internal.media;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/** What sub-tasks other than transcoding and covers made of a media: the latest of each definition, per kind. */
public record Derivatives(List<MediaAnimatedGraphicsItem> animatedGraphics,
        List<MediaSampleSnapshotItem> sampleSnapshots,
                   List<MediaImageSpriteItem> imageSprites,
                   List<MediaSnapshotByTimeOffsetItem> snapshotsByTimeOffset,
                   List<AdaptiveDynamicStreamingItem> adaptiveStreams) {

    static final Derivatives NONE = new Derivatives(List.of(), List.of(), List.of(), List.of(), List.of());

    public Derivatives with(MediaAnimatedGraphicsItem item) {
        return new Derivatives(replace(animatedGraphics, item, MediaAnimatedGraphicsItem::definition), sampleSnapshots,
                imageSprites, snapshotsByTimeOffset, adaptiveStreams);
    }

    public Derivatives with(MediaSampleSnapshotItem item) {
        return new Derivatives(animatedGraphics, replace(sampleSnapshots, item, MediaSampleSnapshotItem::definition),
                imageSprites, snapshotsByTimeOffset, adaptiveStreams);
    }

    public Derivatives with(MediaImageSpriteItem item) {
        return new Derivatives(animatedGraphics, sampleSnapshots,
                replace(imageSprites, item, MediaImageSpriteItem::definition), snapshotsByTimeOffset, adaptiveStreams);
    }

    public Derivatives with(MediaSnapshotByTimeOffsetItem item) {
        return new Derivatives(animatedGraphics, sampleSnapshots, imageSprites,
                replace(snapshotsByTimeOffset, item, MediaSnapshotByTimeOffsetItem::definition), adaptiveStreams);
    }

    public Derivatives with(AdaptiveDynamicStreamingItem item) {
        return new Derivatives(animatedGraphics, sampleSnapshots, imageSprites, snapshotsByTimeOffset,
                replace(adaptiveStreams, item, AdaptiveDynamicStreamingItem::definition));
    }

    /** Without the adaptive streams whose definition {@code gone} accepts. */
    public Derivatives withoutAdaptiveStreams(java.util.function.LongPredicate gone) {
        return new Derivatives(animatedGraphics, sampleSnapshots, imageSprites, snapshotsByTimeOffset,
                adaptiveStreams.stream().filter(a -> !gone.test(a.definition())).toList());
    }

    private static <T> List<T> replace(List<T> items, T item, ToLongFunction<T> definition) {
        List<T> next = new ArrayList<>(items);
        next.removeIf(x -> definition.applyAsLong(x) == definition.applyAsLong(item));
        next.add(item);
        return List.copyOf(next);
    }
}
