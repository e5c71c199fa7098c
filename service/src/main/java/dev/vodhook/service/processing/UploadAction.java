package dev.vodhook.service.processing;

import java.util.Arrays;
import java.util.Locale;

/** What vodhook starts when a NewFileUpload arrives ({@code on-upload}). */
public enum UploadAction {
    /** ProcessMedia with the configured transcode definitions (the default). */
    TRANSCODE,
    /** ProcessMediaByProcedure with the configured task flow template ({@code procedure}). */
    PROCEDURE,
    /** Nothing: the upload is recorded only. */
    NONE;

    /** {@code transcode}, {@code procedure} or {@code none}, any case. */
    public static UploadAction parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.name().equals(v)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("on-upload must be transcode, procedure or none, got '" + value + "'"));
    }

    /** The config spelling: {@code transcode}, {@code procedure}, {@code none}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
