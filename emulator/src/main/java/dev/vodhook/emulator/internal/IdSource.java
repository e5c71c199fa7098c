package dev.vodhook.emulator.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Fresh identifiers in VOD's formats (see vod-protocol.md §2). */
public final class IdSource {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final long FILE_ID_BASE = 5_000_000_000_000_000_000L;
    private static final long FILE_ID_SPAN = 1_000_000_000_000_000_000L;

    private final RandomGenerator random;

    IdSource(RandomGenerator random) {
        this.random = random;
    }

    public IdSource() {
        this(new SecureRandom());
    }

    /** A 19-digit decimal FileId, as a string (FileIds never go through {@code long} elsewhere). */
    public String fileId() {
        return Long.toString(FILE_ID_BASE + random.nextLong(FILE_ID_SPAN));
    }

    /** {@code <appId>-procedurev2-<32 hex>t0}. */
    public String procedureTaskId(long appId) {
        return appId + "-procedurev2-" + hex(16) + "t0";
    }

    /** {@code <appId>-<kind>-<32 hex><suffix>}, e.g. {@code 1500012345-pull-<hex>} or {@code ...-EditMedia-<hex>t0}. */
    public String taskId(long appId, String kind, String suffix) {
        return appId + "-" + kind + "-" + hex(16) + suffix;
    }

    /** A random UUID v4, the RequestId format. */
    public String requestId() {
        return UUID.randomUUID().toString();
    }

    /** {@code bytes} random bytes as lowercase hex. */
    public String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** An opaque base64 token such as a VodSessionKey (may contain {@code /} and {@code +}). */
    public String opaque(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    public String alphanumeric(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    public long number(long bound) {
        return random.nextLong(bound);
    }
}
