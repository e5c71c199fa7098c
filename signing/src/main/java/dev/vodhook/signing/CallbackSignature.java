package dev.vodhook.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Sign}/{@code T} pair VOD adds to normal callbacks once the application has a SignKey
 * (vod-protocol.md §3.2.4): {@code T} is the expiry in unix seconds, {@code Sign =
 * lowercase_hex(MD5(SignKey + T))}. It covers no part of the body: it proves knowledge of the key and
 * bounds a replay to the validity window.
 *
 * <p>The local VOD signs with {@link #sign}; the receiver checks with {@link #verify}. Pure functions:
 * the caller supplies the time.
 */
public final class CallbackSignature {

    /** How long VOD's signature stays valid: {@code T} is this far after the push. */
    public static final Duration VALIDITY = Duration.ofMinutes(10);

    /** What {@link #verify} found. */
    public enum Verdict {
        VALID,
        /** {@code Sign} or {@code T} is absent or blank. */
        MISSING,
        /** {@code Sign} is not the MD5 of any accepted key and {@code T}, or {@code T} is not a number. */
        MISMATCH,
        /** The signature is right, but {@code T} is past (beyond the skew) or too far ahead. */
        EXPIRED
    }

    private static final HexFormat HEX = HexFormat.of();

    private CallbackSignature() {
    }

    /** {@code lowercase_hex(MD5(key + t))}. */
    public static String sign(String key, long t) {
        return HEX.formatHex(md5((key + t).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Checks a callback's {@code Sign} and {@code T} against every accepted key (several during a key
     * rotation), comparing in constant time; then that {@code T} is not past and not more than
     * {@link #VALIDITY} ahead, each with {@code skew} allowed for clocks that differ.
     *
     * @param sign as received, or null
     * @param t    as received (decimal unix seconds), or null
     */
    public static Verdict verify(List<String> keys, String sign, String t, Instant now, Duration skew) {
        if (sign == null || sign.isBlank() || t == null || t.isBlank()) {
            return Verdict.MISSING;
        }
        long expiry;
        try {
            expiry = Long.parseLong(t.strip());
        } catch (NumberFormatException e) {
            return Verdict.MISMATCH;
        }
        byte[] given = sign.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (String key : keys) {
            // every key is tried, so the time taken does not tell which one matched
            matched |= MessageDigest.isEqual(sign(key, expiry).getBytes(StandardCharsets.UTF_8), given);
        }
        if (!matched) {
            return Verdict.MISMATCH;
        }
        long nowSeconds = now.getEpochSecond();
        long skewSeconds = skew.toSeconds();
        boolean past = expiry < nowSeconds - skewSeconds;
        boolean tooFarAhead = expiry > nowSeconds + VALIDITY.toSeconds() + skewSeconds;
        return past || tooFarAhead ? Verdict.EXPIRED : Verdict.VALID;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }
}
