package dev.vodhook.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How PullUpload fetches: the largest media file it takes, how long one fetch may take, and whether a pulled file
 * also produces {@code NewFileUpload} (the cloud documents only {@code PullComplete}; UNCONFIRMED, off by default).
 *
 * @param maxBytes           a larger source fails the task with ErrCode 60000 (default 4 GiB)
 * @param timeout            for the whole download of the media or the cover (default 10 minutes)
 * @param newFileUploadEvent also publish {@code NewFileUpload} for a pulled file
 */
public record PullUploadPolicy(long maxBytes, Duration timeout, boolean newFileUploadEvent) {

    public PullUploadPolicy {
        Objects.requireNonNull(timeout, "timeout");
        if (maxBytes < 1 || !timeout.isPositive()) {
            throw new IllegalArgumentException("maxBytes and timeout must be positive: " + maxBytes + ", " + timeout);
        }
    }

    public static PullUploadPolicy defaults() {
        return new PullUploadPolicy(4L * 1024 * 1024 * 1024, Duration.ofMinutes(10), false);
    }

    public PullUploadPolicy withMaxBytes(long value) {
        return new PullUploadPolicy(value, timeout, newFileUploadEvent);
    }

    public PullUploadPolicy withNewFileUploadEvent(boolean value) {
        return new PullUploadPolicy(maxBytes, timeout, value);
    }
}
