package dev.vodhook.store.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A media with everything known about it.
 *
 * @param taskId  the newest task on this media, else the procedure its upload started
 * @param sourceTaskId      the task that made it (PullUpload, EditMedia, ComposeMedia), if one did
 * @param originalDeletedAt when its original file was deleted on its own (the media stays)
 * @param skipReason        why the last NewFileUpload started nothing on it (verify-uploads), until work starts
 * @param skippedAt         when that was decided
 * @param outputs ordered by kind, definition, url
 * @param tasks   newest first
 */
public record MediaView(
        String fileId,
        Optional<String> name,
        MediaState state,
        Optional<String> mediaUrl,
        Optional<String> procedureTaskId,
        Optional<String> taskId,
        List<OutputRecord> outputs,
        List<StoredTask> tasks,
        Instant createdAt,
        Instant updatedAt,
        Optional<String> sourceTaskId,
        Optional<Instant> originalDeletedAt,
        Optional<String> skipReason,
        Optional<Instant> skippedAt) {}
