package dev.vodhook.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * VOD's {@code MediaInfo} (DescribeMediaInfos). Sections the emulator does not produce yet, or that were not
 * asked for with {@code Filters}, are null.
 */
record MediaInfo(String fileId, MediaBasicInfo basicInfo, MetaData metaData, TranscodeInfo transcodeInfo,
                 Object animatedGraphicsInfo, Object sampleSnapshotInfo, Object imageSpriteInfo,
                 Object snapshotByTimeOffsetInfo, Object keyFrameDescInfo, Object adaptiveDynamicStreamingInfo,
                 Object miniProgramReviewInfo, Object subtitleInfo, Object reviewInfo) {

    record TranscodeInfo(List<MediaTranscodeItem> transcodeSet) {
    }

    /** @param filters the requested sections ({@code basicInfo}, {@code metaData}, {@code transcodeInfo}); empty = all */
    static MediaInfo of(Media m, Set<String> filters) {
        boolean all = filters.isEmpty();
        return new MediaInfo(m.fileId(),
                all || filters.contains("basicInfo") ? MediaBasicInfo.of(m) : null,
                all || filters.contains("metaData") ? m.metaData() : null,
                all || filters.contains("transcodeInfo") ? transcodeInfo(m) : null,
                null, null, null, null, null, null, null, null, null);
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
