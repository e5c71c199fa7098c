package dev.vodhook.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which file types VOD takes for media and covers, and the Content-Type each is served with. */
final class MediaTypes {

    /** Video and audio types VOD accepts (vod-protocol.md §5.1), lowercase. */
    static final Set<String> MEDIA = Set.of("wmv", "rm", "mov", "mpeg", "mp4", "3gp", "flv", "avi", "rmvb", "ts",
            "asf", "mpg", "webm", "mkv", "m3u8", "wm", "asx", "ram", "mpe", "vob", "dat", "mp4v", "m4v", "f4v", "mxf",
            "qt", "ogg", "mp3", "m4a", "flac", "wav", "ra", "aac", "amr");

    /** Cover image types, lowercase. */
    static final Set<String> COVER = Set.of("jpg", "jpeg", "png", "gif", "bmp", "tiff", "tif", "ai", "cdr", "eps",
            "heif");

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("mov", "video/quicktime"),
            Map.entry("webm", "video/webm"), Map.entry("mkv", "video/x-matroska"), Map.entry("flv", "video/x-flv"),
            Map.entry("ts", "video/mp2t"), Map.entry("m3u8", "application/vnd.apple.mpegurl"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"),
            Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"), Map.entry("ogg", "application/ogg"),
            Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("bmp", "image/bmp"),
            Map.entry("vtt", "text/vtt"));

    private MediaTypes() {
    }

    static String contentType(String extension) {
        return CONTENT_TYPES.getOrDefault(extension.toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
