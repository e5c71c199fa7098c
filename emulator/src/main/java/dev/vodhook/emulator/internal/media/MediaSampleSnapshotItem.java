package dev.vodhook.emulator.internal.media;

import java.util.List;

/** VOD's {@code MediaSampleSnapshotItem}: snapshots taken at an interval ({@code Percent} or {@code Time}). */
public record MediaSampleSnapshotItem(long definition, String sampleType, long interval, List<String> imageUrlSet,
                               List<Long> waterMarkDefinition) {
}
