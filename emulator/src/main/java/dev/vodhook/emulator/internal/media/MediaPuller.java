package dev.vodhook.emulator.internal.media;

import dev.vodhook.emulator.PullUploadPolicy;
import dev.vodhook.emulator.internal.api.actions.PullUploadAction;
import dev.vodhook.emulator.internal.events.EventBus;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.processing.MediaStepException;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.tasks.PullUploadTask;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The work of a PullUpload: fetches the source, checks it is media (by Content-Type, extension and ffprobe), fetches
 * the cover, creates the media named after the source's file, and starts the named task flow. A source that cannot
 * be fetched or is not media fails the task with ErrCode 60000 and creates nothing.
 */
public final class MediaPuller {

    /** The largest cover image taken. */
    static final long MAX_COVER_BYTES = 20L * 1024 * 1024;
    private static final Pattern STORABLE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,80}");

    private final UrlFetcher fetcher;
    private final MediaCreator creator;
    private final EventBus bus;
    private final PullUploadPolicy policy;
    private final Clock clock;

    public MediaPuller(UrlFetcher fetcher, MediaCreator creator, EventBus bus, PullUploadPolicy policy, Clock clock) {
        this.fetcher = fetcher;
        this.creator = creator;
        this.bus = bus;
        this.policy = policy;
        this.clock = clock;
    }

    public PullUploadTask pull(PullUploadTask task, PullRequest r) {
        Path dir = creator.scratch("pull-");
        try {
            UrlFetcher.Fetched media = fetcher.fetch(r.mediaUrl(), policy.maxBytes(), dir.resolve("media"));
            if (!MediaTypes.couldBeMedia(media.contentType())) {
                throw MediaStepException.sourceFileError(r.mediaUrl() + " is " + media.contentType() + ", not media");
            }
            String type = type(r, media.contentType());
            MetaData meta = creator.probeMedia(media.file());
            Optional<MediaCreator.Cover> cover = r.coverUrl().map(url -> cover(url, dir));
            String stem = stem(r.mediaUrl());
            Media m = creator.create(new MediaCreator.Original(r.subAppId(), r.region(), stem.isEmpty() ? "f0" : stem,
                    type, r.mediaName().orElse(stem), "", r.classId(), r.expireTime(),
                    MediaBasicInfo.SourceInfo.upload(r.sourceContext())), media.file(), meta, cover, clock.instant());
            String procedureTaskId = creator.startProcedure(m, r.procedure(), r.tasksPriority(), r.sessionContext());
            if (policy.newFileUploadEvent()) {
                bus.publish(EventContents.newFileUpload(m, procedureTaskId));
            }
            return task.withMedia(m, procedureTaskId);
        } finally {
            ObjectStore.deleteTree(dir);
        }
    }

    /** {@code MediaType}, else the URL's extension, else what the Content-Type says; it must be a media type. */
    private static String type(PullRequest r, String contentType) {
        String fromPath = MediaTypes.extensionOfPath(r.mediaUrl().getPath());
        return r.mediaType().or(() -> Optional.of(fromPath).filter(MediaTypes.MEDIA::contains))
                .or(() -> MediaTypes.extensionOf(contentType).filter(MediaTypes.MEDIA::contains))
                .orElseThrow(() -> MediaStepException.sourceFileError("cannot tell the media type of " + r.mediaUrl()
                        + " (no MediaType, no known extension, Content-Type '" + contentType + "')"));
    }

    private MediaCreator.Cover cover(java.net.URI url, Path dir) {
        UrlFetcher.Fetched image = fetcher.fetch(url, MAX_COVER_BYTES, dir.resolve("cover"));
        String type = Optional.of(MediaTypes.extensionOfPath(url.getPath()))
                .filter(PullUploadAction.COVER_TYPES::contains)
                .or(() -> MediaTypes.extensionOf(image.contentType()).filter(PullUploadAction.COVER_TYPES::contains))
                .orElseThrow(() -> MediaStepException.sourceFileError("the cover " + url
                        + " is not a gif, jpeg or png"));
        if (!MediaTypes.couldBeImage(image.contentType())) {
            throw MediaStepException.sourceFileError("the cover " + url + " is " + image.contentType()
                    + ", not an image");
        }
        return new MediaCreator.Cover(image.file(), type);
    }

    /** The source's file name without extension, if it can name a stored object; else {@code ""}. */
    static String stem(java.net.URI url) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return STORABLE_NAME.matcher(stem).matches() ? stem : "";
    }
}
