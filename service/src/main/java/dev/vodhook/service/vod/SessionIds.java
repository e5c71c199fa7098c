package dev.vodhook.service.vod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stable ProcessMedia SessionIds: the same (FileId, action) always gives the same id, so however
 * often a handler runs, VOD starts the task once (it refuses a repeated SessionId within its
 * dedup window, 3 days per the ProcessMedia docs).
 */
public final class SessionIds {
    /** VOD's limit on SessionId. */
    public static final int MAX_LENGTH = 50;

    private SessionIds() {}

    /**
     * {@code vodhook-} + the first 40 hex digits of SHA-256({@code fileId:transcode:<definitions>}),
     * definitions sorted and de-duplicated so that their order in the config does not matter.
     */
    public static String transcode(String fileId, List<Integer> definitions) {
        String normalised = definitions.stream().distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
        return "vodhook-" + sha256Hex(fileId + ":transcode:" + normalised).substring(0, 40);
    }

    /**
     * {@code vodhook-} + the first 40 hex digits of SHA-256({@code fileId:procedure:<name>}): one task flow of a
     * template per media, distinct from any transcode SessionId.
     */
    public static String procedure(String fileId, String procedureName) {
        return "vodhook-" + sha256Hex(fileId + ":procedure:" + procedureName).substring(0, 40);
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
