package dev.vodhook.emulator.internal.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A multipart upload in progress: its parts, in scratch space until completed or aborted. */
final class MultipartUpload {

    private final String uploadId;
    private final String bucket;
    private final ObjectKey key;
    private final String vodSessionKey;
    private final Path directory;
    private final Instant initiated;
    private final NavigableMap<Integer, ObjectStore.StoredPart> parts = new ConcurrentSkipListMap<>();

    MultipartUpload(String uploadId, String bucket, ObjectKey key, String vodSessionKey, Path directory,
                    Instant initiated) {
        this.uploadId = uploadId;
        this.bucket = bucket;
        this.key = key;
        this.vodSessionKey = vodSessionKey;
        this.directory = directory;
        this.initiated = initiated;
    }

    String uploadId() {
        return uploadId;
    }

    String bucket() {
        return bucket;
    }

    ObjectKey key() {
        return key;
    }

    String vodSessionKey() {
        return vodSessionKey;
    }

    Path directory() {
        return directory;
    }

    Instant initiated() {
        return initiated;
    }

    Path partFile(int partNumber) {
        return directory.resolve("part-" + partNumber);
    }

    void putPart(int partNumber, ObjectStore.StoredPart part) {
        parts.put(partNumber, part);
    }

    /** The parts uploaded so far, by part number. */
    NavigableMap<Integer, ObjectStore.StoredPart> parts() {
        return java.util.Collections.unmodifiableNavigableMap(parts);
    }
}
