package dev.vodhook.console.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the pages write times, sizes and rates (every time in UTC). */
public final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    private Formats() {}

    public static String time(Instant at) {
        return TIME.format(at);
    }

    public static String time(Optional<Instant> at) {
        return at.map(Formats::time).orElse("");
    }

    /** The machine-readable form, for {@code <time datetime>}. */
    public static String iso(Instant at) {
        return at.toString();
    }

    /** As a {@code datetime-local} input shows it, in UTC. */
    public static String input(Instant at) {
        return INPUT.format(at);
    }

    /** How long ago {@code at} was, roughly: "5 s", "3 min", "2 h", "4 d"; "in 3 min" for the future. */
    public static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        String span = span(d.isNegative() ? d.negated() : d);
        return d.isNegative() ? "in " + span : span + " ago";
    }

    public static String span(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        if (s < 172_800) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " d";
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    public static String bitrate(long bitsPerSecond) {
        if (bitsPerSecond < 1000) {
            return bitsPerSecond + " bit/s";
        }
        if (bitsPerSecond < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f kbit/s", bitsPerSecond / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2f Mbit/s", bitsPerSecond / 1_000_000.0);
    }

    public static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    public static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String or(Optional<String> value, String fallback) {
        return value.filter(v -> !v.isEmpty()).orElse(fallback);
    }

    /** A lower-case CSS class for a status or state badge, e.g. {@code badge dead}. */
    public static String badge(Object status) {
        return "badge " + String.valueOf(status).toLowerCase(Locale.ROOT);
    }

    /** The URL when it is an http or https one (what a page may link to or load), else none. */
    public static Optional<String> httpUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? Optional.of(u) : Optional.empty();
    }

    /** A value for a URL's query string, encoded. */
    public static String q(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * A media's page: {@code /media/<FileId>}, or {@code /media/_file?id=<FileId>} for a FileId that a path segment
     * cannot carry as it is (VOD's are digits; a forged event's may be anything, a slash included).
     */
    public static String mediaUrl(String fileId) {
        return mediaPart(fileId, "");
    }

    /** A region of a media's page ({@code /outputs}, {@code /timeline}), addressed as {@link #mediaUrl} is. */
    public static String mediaPart(String fileId, String part) {
        return plainSegment(fileId) ? "/media/" + fileId + part : "/media/_file" + part + "?id=" + q(fileId);
    }

    /** Whether a FileId can be a path segment as it is. */
    public static boolean plainSegment(String fileId) {
        return fileId.matches("[A-Za-z0-9._~-]{1,200}") && !fileId.equals(".") && !fileId.equals("..")
                && !fileId.equals("rows") && !fileId.equals("_file");
    }
}
