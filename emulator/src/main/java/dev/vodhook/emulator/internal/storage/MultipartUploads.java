package dev.vodhook.emulator.internal.storage;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Multipart uploads in progress by UploadId, in memory. */
public final class MultipartUploads {

    private final Map<String, MultipartUpload> uploads = new ConcurrentHashMap<>();

    void save(MultipartUpload upload) {
        uploads.put(upload.uploadId(), upload);
    }

    /** The upload with this id for this object; empty if unknown, finished or for another object. */
    Optional<MultipartUpload> find(String uploadId, String bucket, ObjectKey key) {
        return Optional.ofNullable(uploadId).map(uploads::get)
                .filter(u -> u.bucket().equals(bucket) && u.key().equals(key));
    }

    void remove(String uploadId) {
        uploads.remove(uploadId);
    }

    public void clear() {
        uploads.clear();
    }
}
