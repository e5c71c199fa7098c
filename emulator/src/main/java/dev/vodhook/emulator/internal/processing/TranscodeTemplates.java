package dev.vodhook.emulator.internal.processing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The preset (system) transcoding templates the local VOD knows, as data. */
final class TranscodeTemplates {

    /** The current-generation presets of vod-protocol.md §7.1, MP4 and HLS. */
    static final List<TranscodeTemplate> PRESETS = List.of(
            TranscodeTemplate.mp4(100010, "MP4-FLU", 360, 400, 64),
            TranscodeTemplate.mp4(100020, "MP4-SD", 540, 1000, 64),
            TranscodeTemplate.mp4(100030, "MP4-HD", 720, 1800, 128),
            TranscodeTemplate.mp4(100040, "MP4-FHD", 1080, 2500, 128),
            TranscodeTemplate.mp4(100070, "MP4-2K", 1440, 3000, 160),
            TranscodeTemplate.mp4(100080, "MP4-4K", 2160, 6000, 160),
            TranscodeTemplate.hls(100210, "HLS-FLU", 360, 400, 64),
            TranscodeTemplate.hls(100220, "HLS-SD", 540, 1000, 64),
            TranscodeTemplate.hls(100230, "HLS-HD", 720, 1800, 128),
            TranscodeTemplate.hls(100240, "HLS-FHD", 1080, 2500, 128),
            TranscodeTemplate.hls(100270, "HLS-2K", 1440, 3000, 160),
            TranscodeTemplate.hls(100280, "HLS-4K", 2160, 6000, 160));

    /** The time-point snapshot template, also used by CoverBySnapshot. */
    static final int SNAPSHOT_DEFINITION = 10;

    private static final Map<Integer, TranscodeTemplate> BY_DEFINITION = PRESETS.stream()
            .collect(Collectors.toUnmodifiableMap(TranscodeTemplate::definition, Function.identity()));

    private TranscodeTemplates() {
    }

    static Optional<TranscodeTemplate> find(long definition) {
        return definition > Integer.MAX_VALUE ? Optional.empty()
                : Optional.ofNullable(BY_DEFINITION.get((int) definition));
    }
}
