package dev.vodhook.service.handlers;

import dev.vodhook.service.vod.MediaLookup;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.service.vod.SessionIds;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.StoredTask;
import dev.vodhook.store.media.TaskStatus;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Verify before acting ({@code verify-uploads}, on by default): whether a NewFileUpload should start the transcode
 * or task flow it would start. It should not when the media already has what it would start, or when VOD has no
 * media with its FileId in the configured application (DescribeMediaInfos lists it in {@code NotExistFileIdSet}):
 * so a forged or replayed upload event starts nothing, however long after the dedupe and SessionId windows.
 *
 * <p>"Already has" is decided by vodhook's records, looked at first, so that a replay of a finished media asks VOD
 * nothing: a successful, undeleted transcode output of every requested definition; for a task flow, whose outputs
 * only its template knows, the task vodhook started with that template (its SessionId) finished without error, and
 * every output it made succeeded and is not deleted.
 *
 * <p>VOD's own list of the media's transcodes ({@code TranscodeInfo}) does not count. vodhook's records hold the
 * outputs of every task it started (its events, or the reconciler within VOD's 3 days), so that list would only
 * matter where the records were lost or never made (a restored database, transcodes made elsewhere); there, going
 * ahead is what brings the records back (VOD refuses the repeat within its SessionId window; later a new task
 * makes the outputs and its event records them), whereas skipping would leave the media without outputs in
 * vodhook for good. And whether a retried upload starts nothing would then depend on whether the task its first
 * attempt started had finished yet.
 */
final class VerifyUpload {
    private final MediaStore media;
    private final MediaProcessing vod;
    private final String application;
    private final boolean enabled;

    /**
     * @param subAppId the configured application, for the reasons given
     * @param enabled  false: every upload goes ahead unasked, as with {@code verify-uploads: false}
     */
    VerifyUpload(MediaStore media, MediaProcessing vod, Optional<Long> subAppId, boolean enabled) {
        this.media = media;
        this.vod = vod;
        this.application = subAppId.map(id -> "SubAppId " + id).orElse("the API key's application (no SubAppId)");
        this.enabled = enabled;
    }

    /** Why not to transcode {@code fileId} to {@code definitions}, if there is a reason. */
    Optional<UploadSkip> beforeTranscode(String fileId, List<Integer> definitions) {
        if (!enabled) {
            return Optional.empty();
        }
        String wanted = definitions.stream().map(String::valueOf).collect(Collectors.joining(", "));
        if (media.findMedia(fileId).filter(m -> hasTranscodes(m, definitions)).isPresent()) {
            return Optional.of(UploadSkip.alreadyDone("vodhook has recorded a transcode of every requested"
                    + " definition (" + wanted + ")"));
        }
        return askVod(fileId);
    }

    /** Why not to start the task flow template {@code procedureName} on {@code fileId}, if there is a reason. */
    Optional<UploadSkip> beforeProcedure(String fileId, String procedureName) {
        if (!enabled) {
            return Optional.empty();
        }
        String sessionId = SessionIds.procedure(fileId, procedureName);
        Optional<StoredTask> done = media.findMedia(fileId).flatMap(m -> m.tasks().stream()
                .filter(t -> t.sessionId().filter(sessionId::equals).isPresent())
                .filter(t -> t.status() == TaskStatus.FINISH && t.errCode() == 0)
                .filter(t -> m.outputs().stream().filter(o -> o.taskId().equals(t.taskId()))
                        .allMatch(o -> o.succeeded() && !o.deleted()))
                .findFirst());
        if (done.isPresent()) {
            return Optional.of(UploadSkip.alreadyDone("task flow " + procedureName + " started by vodhook (TaskId "
                    + done.get().taskId() + ") has finished with every output"));
        }
        return askVod(fileId);
    }

    private static boolean hasTranscodes(MediaView m, List<Integer> definitions) {
        return definitions.stream().allMatch(d -> m.outputs().stream().anyMatch(o -> isTranscode(o, d)));
    }

    private static boolean isTranscode(OutputRecord o, int definition) {
        return o.kind().equals("Transcode") && o.definition() == definition && o.succeeded() && !o.deleted();
    }

    private Optional<UploadSkip> askVod(String fileId) {
        MediaLookup lookup = vod.describeMedia(fileId);
        return lookup.exists() ? Optional.empty() : Optional.of(UploadSkip.notInVod("VOD has no media with FileId "
                + fileId + " in " + application + " (DescribeMediaInfos, RequestId " + lookup.requestId() + ")"));
    }
}
