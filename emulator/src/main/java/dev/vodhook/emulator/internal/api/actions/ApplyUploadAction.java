package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.IdSource;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.media.MediaTypes;
import dev.vodhook.emulator.internal.storage.ObjectKey;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import dev.vodhook.emulator.internal.storage.TempCredential;
import dev.vodhook.emulator.internal.storage.UploadSession;
import dev.vodhook.emulator.internal.storage.UploadSessionRepository;
import dev.vodhook.emulator.internal.tasks.ProcedureStarter;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * ApplyUpload: reserves a FileId and the storage paths for it, and issues a temporary COS key allowed to write
 * exactly those paths until it expires.
 */
public final class ApplyUploadAction implements ApiAction {

    private final UploadSessionRepository sessions;
    private final StorageLayout layout;
    private final IdSource ids;
    private final String defaultRegion;
    private final ProcedureStarter procedures;

    public ApplyUploadAction(UploadSessionRepository sessions, StorageLayout layout, IdSource ids, String defaultRegion,
                      ProcedureStarter procedures) {
        this.sessions = sessions;
        this.procedures = procedures;
        this.layout = layout;
        this.ids = ids;
        this.defaultRegion = defaultRegion;
    }

    record Request(String mediaType, String mediaName, String coverType, String procedure, String expireTime,
                   String storageRegion, Long classId, String sourceContext, String sessionContext) {
    }

    record Response(String storageBucket, String storageRegion, String vodSessionKey, String mediaStoragePath,
                    String coverStoragePath, TempCertificate tempCertificate) {
    }

    record TempCertificate(String secretId, String secretKey, String token, long expiredTime) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        String mediaType = lower(Param.required(r.mediaType(), "MediaType"));
        if (!MediaTypes.MEDIA.contains(mediaType)) {
            throw LocalVodApiError.invalidValue("MediaType", "MediaType", "'" + r.mediaType()
                    + "' is not a supported media type");
        }
        Optional<String> coverType = Optional.ofNullable(r.coverType()).filter(c ->
                !c.isEmpty()).map(ApplyUploadAction::lower);
        if (coverType.isPresent() && !MediaTypes.COVER.contains(coverType.get())) {
            throw LocalVodApiError.invalidValue("CoverType", "CoverType", "'" + r.coverType()
                    + "' is not a supported cover type");
        }
        Optional<String> procedure = Optional.ofNullable(r.procedure()).filter(p -> !p.isEmpty());
        procedures.requireKnown(request.subAppId(), procedure, "Procedure");
        Optional<Instant> expireTime = Param.expireTime(r.expireTime());
        String region = Param.region(r.storageRegion(), defaultRegion);
        Param.maxLength(r.sourceContext(), 250, "SourceContext", LocalVodApiError.INVALID_PARAMETER_VALUE);
        Param.maxLength(r.sessionContext(), 1000, "SessionContext",
                LocalVodApiError.INVALID_PARAMETER_VALUE + ".SessionContextTooLong");

        String fileId = ids.fileId();
        String folder = StorageLayout.fileFolder(ids.hex(4), fileId);
        ObjectKey mediaKey = new ObjectKey(layout.originalKey(region, folder, mediaType));
        Optional<ObjectKey> coverKey = coverType.map(c -> new ObjectKey(layout.uploadedCoverKey(region, folder, fileId,
                c)));
        TempCredential credential = new TempCredential("AKID" + ids.alphanumeric(32), ids.alphanumeric(32),
                ids.alphanumeric(64), request.now().plus(UploadSession.TTL).getEpochSecond());
        UploadSession session = new UploadSession(ids.opaque(48), request.subAppId(), fileId, folder,
                layout.bucketName(region), region, mediaKey, coverKey, credential,
                r.mediaName() == null ? "" : r.mediaName(), mediaType, procedure, r.classId() == null ? 0 : r.classId(),
                r.sourceContext() == null ? "" : r.sourceContext(), r.sessionContext() == null ? ""
                        : r.sessionContext(),
                expireTime, request.now(), false);
        sessions.save(session);
        return new Response(session.bucket(), region, session.vodSessionKey(), mediaKey.value(),
                coverKey.map(ObjectKey::value).orElse(""), new TempCertificate(credential.secretId(),
                credential.secretKey(), credential.token(), credential.expiredTime()));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
