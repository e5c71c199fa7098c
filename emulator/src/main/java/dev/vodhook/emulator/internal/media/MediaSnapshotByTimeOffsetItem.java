package dev.vodhook.emulator.internal.media;

import java.util.List;

/** VOD's {@code MediaSnapshotByTimeOffsetItem}: one JPG per requested time. */
public record MediaSnapshotByTimeOffsetItem(long definition, List<PicInfo> picInfoSet) {

    /** @param timeOffset in milliseconds */
    public record PicInfo(double timeOffset, String url, List<Long> waterMarkDefinition) {
    }
}
