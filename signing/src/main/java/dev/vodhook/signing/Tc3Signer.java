package dev.vodhook.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TencentCloud API 3.0 request signing (TC3-HMAC-SHA256), exactly as the official SDKs compute it
 * for POST requests with JSON bodies: only {@code content-type} and {@code host} are signed.
 *
 * <p>Pure functions; the caller supplies the timestamp, so verification never reads a clock here.
 */
public final class Tc3Signer {

    public static final String ALGORITHM = "TC3-HMAC-SHA256";
    public static final String SIGNED_HEADERS = "content-type;host";
    /** Hashed payload value used by clients that send {@code X-TC-Content-SHA256: UNSIGNED-PAYLOAD}. */
    public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private Tc3Signer() {
    }

    /** The UTC date of a unix timestamp, as used in the credential scope. */
    public static String scopeDate(long timestampSeconds) {
        return DATE.format(Instant.ofEpochSecond(timestampSeconds));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** Lower-case hex signature of a request, given the SHA-256 hex of its payload. */
    public static String signature(String secretKey, String service, String host, String contentType,
                                   long timestampSeconds, String hashedPayload) {
        String canonicalRequest = "POST\n/\n\n"
                + "content-type:" + contentType + "\n"
                + "host:" + host + "\n\n"
                + SIGNED_HEADERS + "\n"
                + hashedPayload;
        String date = scopeDate(timestampSeconds);
        String scope = date + "/" + service + "/tc3_request";
        String stringToSign = ALGORITHM + "\n" + timestampSeconds + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] kDate = hmac(("TC3" + secretKey).getBytes(StandardCharsets.UTF_8), date);
        byte[] kService = hmac(kDate, service);
        byte[] kSigning = hmac(kService, "tc3_request");
        return HEX.formatHex(hmac(kSigning, stringToSign));
    }

    /** The full {@code Authorization} header value for a request with a JSON body. */
    public static String authorization(String secretId, String secretKey, String service, String host,
                                       String contentType, long timestampSeconds, byte[] body) {
        String sig = signature(secretKey, service, host, contentType, timestampSeconds, sha256Hex(body));
        return ALGORITHM + " Credential=" + secretId + "/" + scopeDate(timestampSeconds) + "/" + service
                + "/tc3_request, SignedHeaders=" + SIGNED_HEADERS + ", Signature=" + sig;
    }

    /** Constant-time comparison of two hex signatures. */
    public static boolean sameSignature(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
        }
    }
}
