package dev.vodhook.emulator.internal.media;

/** VOD's {@code MediaAnimatedGraphicsItem}: a GIF or WebP made of a time range of the media. */
public record MediaAnimatedGraphicsItem(String url, long definition, String container, long height, long width,
        long bitrate,
                                 long size, String md5, double startTimeOffset, double endTimeOffset) {
}
