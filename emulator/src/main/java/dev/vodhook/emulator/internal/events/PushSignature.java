package dev.vodhook.emulator.internal.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code Sign}/{@code T} pair VOD adds to pushes once a SignKey is set (vod-protocol.md §3.2.4):
 * {@code T} is the expiry in unix seconds, {@code Sign = lowercase_hex(MD5(SignKey + T))}.
 */
public final class PushSignature {

    /** How long a pushed signature stays valid. */
    static final long VALIDITY_SECONDS = 600;

    private PushSignature() {
    }

    public static String sign(String signKey, long t) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((signKey + t).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }
}
