package dev.vodhook.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures (spec v1, symmetric): {@code webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">}, one per secret, space-separated, so that a receiver that knows either the old or the new
 * secret of a rotation verifies. Secrets are {@code whsec_} and the base64 of the key.
 *
 * <p>{@link #sign} is what vodhook sends with; {@link #verify} is beside it so that both are pinned by the same
 * known-answer vector. Pure functions: the caller passes the time, verification never reads a clock.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** The receiving side's default tolerance for {@code webhook-timestamp}, as the reference libraries use. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    /** What {@link #verify} found. */
    public enum Verification {
        VALID,
        /** No signature of the header matches any secret's. */
        BAD_SIGNATURE,
        /** The timestamp is not a number of seconds. */
        MALFORMED,
        /** Signed too long ago or too far ahead: a replay, or clocks apart. */
        OUT_OF_TOLERANCE
    }

    private WebhookSignature() {
    }

    /** The key of a {@code whsec_...} secret; refuses anything else with a message that says what was wrong. */
    public static byte[] key(String secret) {
        String s = secret == null ? "" : secret.strip();
        if (!s.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX
                    + " followed by base64 (e.g. one made by `vodhook notify test`), got "
                    + (s.isEmpty() ? "nothing" : s.substring(0, Math.min(4, s.length())) + "..."));
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(s.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook secret is " + SECRET_PREFIX + " followed by base64: "
                    + e.getMessage());
        }
        if (key.length < 24 || key.length > 64) {
            throw new IllegalArgumentException("a webhook secret's key is 24 to 64 bytes, got " + key.length);
        }
        return key;
    }

    /** A new secret of 32 random bytes: {@code whsec_} and their base64. */
    public static String newSecret(RandomGenerator random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,<base64 signature>} of one message with one key. */
    public static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
        return "v1," + Base64.getEncoder().encodeToString(mac(key, id, timestampSeconds, body));
    }

    /** The {@code webhook-signature} header: one signature per key, space-separated. */
    public static String header(List<byte[]> keys, String id, long timestampSeconds, byte[] body) {
        List<String> signatures = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            signatures.add(sign(key, id, timestampSeconds, body));
        }
        return String.join(" ", signatures);
    }

    /**
     * Checks a message as a receiver does: the timestamp within {@code tolerance} of {@code now}, and some
     * {@code v1} signature of the header equal (constant-time) to one computed with some key over the raw body.
     */
    public static Verification verify(List<byte[]> keys, String id, String timestamp, String signatures, byte[] body,
            Instant now, Duration tolerance) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (RuntimeException e) {
            return Verification.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return Verification.OUT_OF_TOLERANCE;
        }
        for (byte[] key : keys) {
            byte[] expected = mac(key, id, seconds, body);
            for (String signature : signatures.strip().split(" +")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected, decode(signature.substring(3)))) {
                    return Verification.VALID;
                }
            }
        }
        return Verification.BAD_SIGNATURE;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static byte[] mac(byte[] key, String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
