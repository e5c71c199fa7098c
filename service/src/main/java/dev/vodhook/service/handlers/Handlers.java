package dev.vodhook.service.handlers;

import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.processing.EventHandler;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.store.media.MediaStore;
import java.util.Map;
import java.util.Set;

/** Which handler runs for which EventType; types without one are kept and otherwise left alone. */
public final class Handlers {
    private final Map<String, EventHandler> byType;
    private final EventHandler fallback = new KeepRawOnly();

    public Handlers(Map<String, EventHandler> byType) {
        this.byType = Map.copyOf(byType);
    }

    /**
     * The receiver's handlers: NewFileUpload per {@code on-upload} (transcode, procedure or none), and the
     * recording handlers of ProcedureStateChanged, PullComplete, EditMediaComplete, ComposeMediaComplete and
     * FileDeleted.
     */
    public static Handlers forConfig(ServiceConfig config, MediaStore media, MediaProcessing vod) {
        RecordMadeMedia made = new RecordMadeMedia(media, config.clock());
        return new Handlers(Map.of(
                "NewFileUpload", onUpload(config, media, vod),
                "ProcedureStateChanged", new RecordProcedureResults(media, config.clock()),
                "PullComplete", new RecordPullResult(made),
                "EditMediaComplete", new RecordEditResult(made),
                "ComposeMediaComplete", new RecordComposeResult(made),
                "FileDeleted", new RecordDeletion(media, config.clock())));
    }

    /** What a NewFileUpload starts ({@code on-upload}), verified first unless {@code verify-uploads} is off. */
    private static EventHandler onUpload(ServiceConfig config, MediaStore media, MediaProcessing vod) {
        ProcessingSettings processing = config.processing();
        RecordUpload uploads = new RecordUpload(media, config.clock());
        VerifyUpload verify = new VerifyUpload(media, vod, config.subAppId(), processing.verifyUploads());
        return switch (processing.onUpload()) {
            case TRANSCODE -> new TranscodeOnUpload(uploads, verify, vod, config.definitions(),
                    config.transcodeWhenProcedureNamed());
            case PROCEDURE -> new ProcedureOnUpload(uploads, verify, vod, processing.procedure().orElseThrow(),
                    config.transcodeWhenProcedureNamed());
            case NONE -> uploads;
        };
    }

    public EventHandler forType(String eventType) {
        return byType.getOrDefault(eventType, fallback);
    }

    public Set<String> handledTypes() {
        return byType.keySet();
    }
}
