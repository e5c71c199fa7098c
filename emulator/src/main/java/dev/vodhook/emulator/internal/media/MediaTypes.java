package dev.vodhook.emulator.internal.media;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which file types VOD takes for media and covers, and the Content-Type each is served with. */
public final class MediaTypes {

    /** Video and audio types VOD accepts (vod-protocol.md §5.1), lowercase. */
    public static final Set<String> MEDIA = Set.of("wmv", "rm", "mov", "mpeg", "mp4", "3gp", "flv", "avi", "rmvb", "ts",
            "asf", "mpg", "webm", "mkv", "m3u8", "wm", "asx", "ram", "mpe", "vob", "dat", "mp4v", "m4v", "f4v", "mxf",
            "qt", "ogg", "mp3", "m4a", "flac", "wav", "ra", "aac", "amr");

    /** Cover image types, lowercase. */
    public static final Set<String> COVER = Set.of("jpg", "jpeg", "png", "gif", "bmp", "tiff", "tif", "ai", "cdr",
            "eps",
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

    /** What a pulled source's Content-Type says its extension is. */
    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("video/mp4", "mp4"), Map.entry("application/mp4", "mp4"), Map.entry("video/quicktime", "mov"),
            Map.entry("video/webm", "webm"), Map.entry("video/x-matroska", "mkv"), Map.entry("video/x-flv", "flv"),
            Map.entry("video/mp2t", "ts"), Map.entry("video/x-msvideo", "avi"), Map.entry("video/mpeg", "mpg"),
            Map.entry("video/3gpp", "3gp"), Map.entry("video/x-ms-wmv", "wmv"), Map.entry("video/ogg", "ogg"),
            Map.entry("audio/mpeg", "mp3"), Map.entry("audio/mp4", "m4a"), Map.entry("audio/aac", "aac"),
            Map.entry("audio/wav", "wav"), Map.entry("audio/x-wav", "wav"), Map.entry("audio/flac", "flac"),
            Map.entry("audio/ogg", "ogg"), Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"),
            Map.entry("image/gif", "gif"));

    /** Content-Types that say nothing about the file, so its extension decides. */
    private static final Set<String> NEUTRAL = Set.of("", "application/octet-stream", "binary/octet-stream");

    private MediaTypes() {
    }

    /** The extension a Content-Type stands for, if it names a known media or image type. */
    static java.util.Optional<String> extensionOf(String contentType) {
        return java.util.Optional.ofNullable(EXTENSIONS.get(contentType));
    }

    /** Whether a Content-Type could be a media file: audio, video, a known media type, or one that says nothing. */
    static boolean couldBeMedia(String contentType) {
        return NEUTRAL.contains(contentType) || contentType.startsWith("video/") || contentType.startsWith("audio/")
                || EXTENSIONS.containsKey(contentType);
    }

    /** Whether a Content-Type could be a cover image. */
    static boolean couldBeImage(String contentType) {
        return NEUTRAL.contains(contentType) || contentType.startsWith("image/");
    }

    /** The lower-case extension of the last path segment of a URL path, or {@code ""}. */
    public static String extensionOfPath(String path) {
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    public static String contentType(String extension) {
        return CONTENT_TYPES.getOrDefault(extension.toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
