package dev.vodhook.emulator;

import java.util.List;

/** VOD's {@code MediaSampleSnapshotItem}: snapshots taken at an interval ({@code Percent} or {@code Time}). */
record MediaSampleSnapshotItem(long definition, String sampleType, long interval, List<String> imageUrlSet,
                               List<Long> waterMarkDefinition) {
}
