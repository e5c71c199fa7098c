package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.events.EventBus;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaIngest;
import dev.vodhook.emulator.internal.media.MediaRepository;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.UploadSession;
import dev.vodhook.emulator.internal.storage.UploadSessionRepository;
import dev.vodhook.emulator.internal.tasks.ProcedureStarter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CommitUpload: turns the uploaded object into a media file with a FileId, starts the Procedure named at
 * ApplyUpload (its TaskId becomes {@code ProcedureTaskId}) and publishes {@code NewFileUpload}. Committing the
 * same session again answers the same FileId and starts nothing.
 */
public final class CommitUploadAction implements ApiAction {

    private final UploadSessionRepository sessions;
    private final MediaRepository media;
    private final MediaIngest ingest;
    private final ProcedureStarter procedures;
    private final EventBus bus;
    private final ObjectStore store;

    public CommitUploadAction(UploadSessionRepository sessions, MediaRepository media, MediaIngest ingest,
                       ProcedureStarter procedures, EventBus bus, ObjectStore store) {
        this.procedures = procedures;
        this.sessions = sessions;
        this.media = media;
        this.ingest = ingest;
        this.bus = bus;
        this.store = store;
    }

    record Request(String vodSessionKey) {
    }

    record Response(String fileId, String mediaUrl, String coverUrl) {
    }

    @Override
    public Object handle(ApiRequest request) {
        String key = Param.required(request.bind(Request.class).vodSessionKey(), "VodSessionKey");
        UploadSession session = sessions.bySessionKey(key)
                .filter(s -> s.subAppId() == request.subAppId() && !s.expiredAt(request.now()))
                .orElseThrow(() -> LocalVodApiError.invalidValue("VodSessionKey", "VodSessionKey",
                        "unknown or expired upload session"));
        Path original = store.find(session.mediaKey()).orElseThrow(() -> new LocalVodApiError(
                LocalVodApiError.RESOURCE_NOT_FOUND, "The media file was not uploaded to " + session.mediaKey() + "."));
        if (!sessions.markCommitted(key)) {
            return media.find(session.fileId()).map(CommitUploadAction::response).orElseThrow(() ->
                    new LocalVodApiError(LocalVodApiError.RESOURCE_NOT_FOUND, "The upload is being committed."));
        }
        Media m = ingest.ingest(session, original, request.now());
        String procedureTaskId = procedures.start(m, session.procedure(), 0, session.sessionContext());
        bus.publish(EventContents.newFileUpload(m, procedureTaskId));
        return response(m);
    }

    private static Response response(Media m) {
        return new Response(m.fileId(), m.mediaUrl(), Optional.ofNullable(m.coverUrl()).orElse(""));
    }
}
