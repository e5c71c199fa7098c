package dev.vodhook.emulator.internal.storage;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Who may write to storage: the holder of a temporary key issued by ApplyUpload, for that session's paths only,
 * until it expires or the upload is committed. The COS signature itself is not recomputed; the {@code q-ak} of the
 * {@code Authorization} header and the {@code x-cos-security-token} header must match what was issued.
 */
public final class CosAccess {

    private final UploadSessionRepository sessions;
    private final Clock clock;

    public CosAccess(UploadSessionRepository sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    UploadSession authorize(Context ctx, String bucket, ObjectKey key) {
        String accessKey = accessKey(ctx.header("Authorization"))
                .orElseThrow(() -> CosException.accessDenied("the Authorization header has no q-ak"));
        UploadSession session = sessions.byTempSecretId(accessKey)
                .orElseThrow(() -> new CosException(403, "InvalidAccessKeyId",
                        "the access key was not issued by ApplyUpload"));
        String token = ctx.header("x-cos-security-token");
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                session.credential().token().getBytes(StandardCharsets.UTF_8))) {
            throw CosException.accessDenied("x-cos-security-token does not belong to the access key");
        }
        if (session.expiredAt(clock.instant())) {
            throw new CosException(400, "ExpiredToken", "the temporary key has expired");
        }
        if (session.committed()) {
            throw CosException.accessDenied("the upload was already committed");
        }
        if (!session.allows(bucket, key)) {
            throw CosException.accessDenied("the temporary key may not write " + bucket + key);
        }
        return session;
    }

    /** The {@code q-ak} of a {@code q-sign-algorithm=sha1&q-ak=...&...} Authorization header. */
    static Optional<String> accessKey(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        for (String pair : authorization.split("&")) {
            if (pair.startsWith("q-ak=") && pair.length() > 5) {
                return Optional.of(pair.substring(5));
            }
        }
        return Optional.empty();
    }
}
