package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.media.MediaBasicInfo;
import dev.vodhook.emulator.internal.media.NewMedia;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What ApplyUpload promised: where the bytes go, the temporary key allowed to put them, and what CommitUpload
 * should create from them.
 */
public record UploadSession(String vodSessionKey, long subAppId, String fileId, String folder, String bucket,
        String region,
                     ObjectKey mediaKey, Optional<ObjectKey> coverKey, TempCredential credential, String mediaName,
                     String mediaType, Optional<String> procedure, long classId, String sourceContext,
                     String sessionContext, Optional<Instant> expireTime, Instant createdAt, boolean committed) {

    /** How long an upload session (and its temporary key) stays usable. */
    public static final Duration TTL = Duration.ofHours(3);

    public boolean expiredAt(Instant now) {
        return now.getEpochSecond() > credential.expiredTime();
    }

    /** Whether the temporary key may write {@code key} in {@code bucket}. */
    boolean allows(String bucket, ObjectKey key) {
        return this.bucket.equals(bucket) && (mediaKey.equals(key) || coverKey.filter(key::equals).isPresent());
    }

    /** The media this upload becomes once committed. */
    public NewMedia newMedia() {
        return new NewMedia(fileId, subAppId, folder, mediaName, "", mediaType, classId, expireTime, region, mediaKey,
                coverKey, MediaBasicInfo.SourceInfo.upload(sourceContext));
    }

    UploadSession asCommitted() {
        return new UploadSession(vodSessionKey, subAppId, fileId, folder, bucket, region, mediaKey, coverKey,
                credential,
                mediaName, mediaType, procedure, classId, sourceContext, sessionContext, expireTime, createdAt, true);
    }
}
