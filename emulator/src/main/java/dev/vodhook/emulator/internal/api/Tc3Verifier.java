package dev.vodhook.emulator.internal.api;

import dev.vodhook.emulator.internal.storage.TempCredential;
import dev.vodhook.emulator.internal.storage.UploadSession;
import dev.vodhook.emulator.internal.storage.UploadSessionRepository;
import dev.vodhook.signing.Tc3Authorization;
import dev.vodhook.signing.Tc3Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks TC3-HMAC-SHA256 signatures the way every official SDK is accepted (vod-protocol.md §1.2, §1.3): the
 * service comes from the credential scope, the host is the Host header (retried once without its port), the scope
 * date must be the UTC date of {@code X-TC-Timestamp}, which must lie within five minutes of the clock. Besides the
 * configured key, the temporary keys ApplyUpload issued ({@code TempCertificate}) sign requests until they expire,
 * with their token in {@code X-TC-Token}.
 */
public final class Tc3Verifier {

    static final Duration WINDOW = Duration.ofSeconds(300);

    private final String secretId;
    private final String secretKey;
    private final UploadSessionRepository uploads;
    private final Clock clock;

    public Tc3Verifier(String secretId, String secretKey, UploadSessionRepository uploads, Clock clock) {
        this.secretId = secretId;
        this.secretKey = secretKey;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** The parts of a request that the signature covers, and its {@code X-TC-Token} (null when absent). */
    record SignedRequest(String authorization, String timestamp, String host, String contentType,
                         String contentSha256, byte[] body, String token) {
    }

    /** Returns normally when the request is authentic; otherwise throws the AuthFailure the cloud would. */
    void verify(SignedRequest request) {
        Tc3Authorization auth = Tc3Authorization.parse(request.authorization())
                .orElseThrow(() -> new LocalVodApiError(LocalVodApiError.INVALID_AUTHORIZATION,
                        "The Authorization header is missing or is not of the TC3-HMAC-SHA256 form."));
        long timestamp = timestamp(request.timestamp());
        Instant now = clock.instant();
        String key = signingKey(auth.secretId(), request.token(), now);
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        if (skew > WINDOW.toSeconds()) {
            throw new LocalVodApiError(LocalVodApiError.SIGNATURE_EXPIRE, "Signature expired. Timestamp "
                    + timestamp + " differs from the server time by " + skew + " s (allowed: " + WINDOW.toSeconds()
                    + ").");
        }
        if (!Tc3Signer.SIGNED_HEADERS.equals(auth.signedHeaders())) {
            throw signatureFailure("only SignedHeaders=content-type;host is supported, got " + auth.signedHeaders());
        }
        if (!auth.date().equals(Tc3Signer.scopeDate(timestamp))) {
            throw signatureFailure("the credential scope date " + auth.date()
                    + " is not the UTC date of X-TC-Timestamp " + Tc3Signer.scopeDate(timestamp));
        }
        String payloadHash = Tc3Signer.UNSIGNED_PAYLOAD.equals(request.contentSha256())
                ? Tc3Signer.sha256Hex(Tc3Signer.UNSIGNED_PAYLOAD.getBytes(StandardCharsets.UTF_8))
                : Tc3Signer.sha256Hex(request.body());
        String host = request.host() == null ? "" : request.host();
        if (!matches(key, auth, host, request.contentType(), timestamp, payloadHash)
                && !matches(key, auth, withoutPort(host), request.contentType(), timestamp, payloadHash)) {
            throw signatureFailure("the signature does not match");
        }
    }

    /**
     * The SecretKey belonging to {@code id}: the configured key (any {@code X-TC-Token} ignored), or a temporary key
     * whose token must come along and which must not have expired ({@code AuthFailure.TokenFailure} otherwise).
     */
    private String signingKey(String id, String token, Instant now) {
        if (id.equals(secretId)) {
            return secretKey;
        }
        TempCredential temporary = uploads.byTempSecretId(id).map(UploadSession::credential)
                .orElseThrow(() -> new LocalVodApiError(LocalVodApiError.SECRET_ID_NOT_FOUND,
                        "The SecretId is not found, please ensure that your SecretId is correct."));
        if (token == null || token.isEmpty()) {
            throw tokenFailure("the request carries no X-TC-Token for the temporary SecretId");
        }
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                temporary.token().getBytes(StandardCharsets.UTF_8))) {
            throw tokenFailure("the X-TC-Token does not belong to the temporary SecretId");
        }
        if (now.getEpochSecond() > temporary.expiredTime()) {
            throw tokenFailure("the temporary credentials expired at "
                    + Instant.ofEpochSecond(temporary.expiredTime()));
        }
        return temporary.secretKey();
    }

    private static boolean matches(String key, Tc3Authorization auth, String host, String contentType, long timestamp,
                                   String payloadHash) {
        String expected = Tc3Signer.signature(key, auth.service(), host, contentType == null ? "" : contentType,
                timestamp, payloadHash);
        return Tc3Signer.sameSignature(expected, auth.signature());
    }

    private static LocalVodApiError tokenFailure(String reason) {
        return new LocalVodApiError(LocalVodApiError.TOKEN_FAILURE, "The token is invalid: " + reason + ".");
    }

    private static long timestamp(String header) {
        if (header == null || header.isBlank()) {
            throw LocalVodApiError.missing("X-TC-Timestamp");
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER,
                    "X-TC-Timestamp must be unix seconds, got " + abbreviate(header));
        }
    }

    public static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 || host.indexOf(':') != colon ? host : host.substring(0, colon);
    }

    private static LocalVodApiError signatureFailure(String reason) {
        return new LocalVodApiError(LocalVodApiError.SIGNATURE_FAILURE,
                "The provided credentials could not be validated: " + reason + ".");
    }

    private static String abbreviate(String s) {
        return s.length() > 32 ? s.substring(0, 32) + "..." : s;
    }
}
