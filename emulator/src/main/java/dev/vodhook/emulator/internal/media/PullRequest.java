package dev.vodhook.emulator.internal.media;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/** A checked PullUpload request: what to fetch and what the media will be. */
public record PullRequest(long subAppId, URI mediaUrl, Optional<String> mediaType, Optional<String> mediaName,
                   Optional<URI> coverUrl, Optional<String> procedure, Optional<Instant> expireTime, String region,
                   long classId, long tasksPriority, String sessionContext, String sourceContext) {
}
