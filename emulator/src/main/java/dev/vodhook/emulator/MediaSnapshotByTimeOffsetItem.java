package dev.vodhook.emulator;

import java.util.List;

/** VOD's {@code MediaSnapshotByTimeOffsetItem}: one JPG per requested time. */
record MediaSnapshotByTimeOffsetItem(long definition, List<PicInfo> picInfoSet) {

    /** @param timeOffset in milliseconds */
    record PicInfo(double timeOffset, String url, List<Long> waterMarkDefinition) {
    }
}
