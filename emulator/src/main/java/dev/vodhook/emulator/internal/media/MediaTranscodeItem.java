package dev.vodhook.emulator.internal.media;

import java.util.List;

/** VOD's {@code MediaTranscodeItem}: one playable rendition ({@code Definition 0} is the original). */
public record MediaTranscodeItem(String url, long definition, long bitrate, long height, long width, long size,
                          double duration, String md5, String container,
                          List<MetaData.VideoStreamItem> videoStreamSet,
                          List<MetaData.AudioStreamItem> audioStreamSet, String digitalWatermarkType) {

    public static MediaTranscodeItem of(String url, int definition, MetaData meta) {
        return new MediaTranscodeItem(url, definition, meta.bitrate(), meta.height(), meta.width(), meta.size(),
                meta.duration(), meta.md5(), meta.container(), meta.videoStreamSet(), meta.audioStreamSet(), "None");
    }
}
