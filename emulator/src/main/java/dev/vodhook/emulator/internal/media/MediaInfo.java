package dev.vodhook.emulator.internal.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * VOD's {@code MediaInfo} (DescribeMediaInfos). Sections not asked for with {@code Filters}, and sections with
 * nothing in them, are null, as in the cloud's answers; so are the kinds the emulator never makes.
 */
public record MediaInfo(String fileId, MediaBasicInfo basicInfo, MetaData metaData, TranscodeInfo transcodeInfo,
                 AnimatedGraphicsInfo animatedGraphicsInfo, SampleSnapshotInfo sampleSnapshotInfo,
                 ImageSpriteInfo imageSpriteInfo, SnapshotByTimeOffsetInfo snapshotByTimeOffsetInfo,
                 Object keyFrameDescInfo, AdaptiveDynamicStreamingInfo adaptiveDynamicStreamingInfo,
                 Object miniProgramReviewInfo,
                 Object subtitleInfo, Object reviewInfo) {

    /** The {@code Filters} values DescribeMediaInfos accepts. */
    public static final Set<String> FILTERS = Set.of("basicInfo", "metaData", "transcodeInfo", "animatedGraphicsInfo",
            "imageSpriteInfo", "snapshotByTimeOffsetInfo", "sampleSnapshotInfo", "keyFrameDescInfo",
            "adaptiveDynamicStreamingInfo", "miniProgramReviewInfo", "subtitleInfo", "reviewInfo");

    record TranscodeInfo(List<MediaTranscodeItem> transcodeSet) {
    }

    record AnimatedGraphicsInfo(List<MediaAnimatedGraphicsItem> animatedGraphicsSet) {
    }

    record SampleSnapshotInfo(List<MediaSampleSnapshotItem> sampleSnapshotSet) {
    }

    record ImageSpriteInfo(List<MediaImageSpriteItem> imageSpriteSet) {
    }

    record SnapshotByTimeOffsetInfo(List<MediaSnapshotByTimeOffsetItem> snapshotByTimeOffsetSet) {
    }

    record AdaptiveDynamicStreamingInfo(List<AdaptiveDynamicStreamingItem> adaptiveDynamicStreamingSet) {
    }

    /** @param filters the requested sections (values of {@link #FILTERS}); empty = all */
    public static MediaInfo of(Media m, Set<String> filters) {
        Derivatives d = m.derived();
        return new MediaInfo(m.fileId(),
                wanted(filters, "basicInfo") ? MediaBasicInfo.of(m) : null,
                wanted(filters, "metaData") ? m.metaData() : null,
                wanted(filters, "transcodeInfo") ? transcodeInfo(m) : null,
                section(filters, "animatedGraphicsInfo", d.animatedGraphics(), AnimatedGraphicsInfo::new),
                section(filters, "sampleSnapshotInfo", d.sampleSnapshots(), SampleSnapshotInfo::new),
                section(filters, "imageSpriteInfo", d.imageSprites(), ImageSpriteInfo::new),
                section(filters, "snapshotByTimeOffsetInfo", d.snapshotsByTimeOffset(), SnapshotByTimeOffsetInfo::new),
                null,
                section(filters, "adaptiveDynamicStreamingInfo", d.adaptiveStreams(),
                        AdaptiveDynamicStreamingInfo::new),
                null, null, null);
    }

    private static boolean wanted(Set<String> filters, String section) {
        return filters.isEmpty() || filters.contains(section);
    }

    private static <T, S> S section(Set<String> filters, String name, List<T> items, Function<List<T>, S> wrap) {
        return wanted(filters, name) && !items.isEmpty() ? wrap.apply(items) : null;
    }

    /** The original as {@code Definition 0} (unless it was deleted), then every transcode. */
    private static TranscodeInfo transcodeInfo(Media m) {
        List<MediaTranscodeItem> set = new ArrayList<>();
        if (m.originalKey().isPresent()) {
            set.add(MediaTranscodeItem.of(m.mediaUrl(), 0, m.metaData()));
        }
        set.addAll(m.transcodes());
        return new TranscodeInfo(List.copyOf(set));
    }
}
