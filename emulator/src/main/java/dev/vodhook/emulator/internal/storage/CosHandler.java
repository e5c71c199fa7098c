package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.IdSource;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * COS-style object storage for uploads (vod-protocol.md §5.2): simple {@code PUT}, the multipart operations, and
 * {@code GET}/{@code HEAD} of stored objects. Writes need the temporary key of an ApplyUpload session. Errors are
 * COS XML with a 4xx status; the {@code ETag} header keeps exactly that casing, which the COS Java SDK requires.
 */
public final class CosHandler {

    private static final Logger log = LoggerFactory.getLogger(CosHandler.class);

    private final CosAccess access;
    private final CosMultipart multipart;
    private final ObjectStore store;
    private final FileServer files;
    private final IdSource ids;

    public CosHandler(CosAccess access, CosMultipart multipart, ObjectStore store, FileServer files, IdSource ids) {
        this.access = access;
        this.multipart = multipart;
        this.store = store;
        this.files = files;
        this.ids = ids;
    }

    void handle(Context ctx, CosTarget target) {
        String requestId = ids.requestId();
        ctx.header("x-cos-request-id", requestId);
        try {
            ObjectKey key = key(target);
            dispatch(ctx, target.bucket(), key);
        } catch (CosException e) {
            log.info("COS {} {} rejected with {}: {}", ctx.method(), target.key(), e.code(), e.getMessage());
            ctx.status(e.status()).contentType("application/xml")
                    .result(CosXml.error(e.code(), e.getMessage(), target.key(), requestId));
        }
    }

    private void dispatch(Context ctx, String bucket, ObjectKey key) {
        HandlerType method = ctx.method();
        boolean hasUploadId = ctx.queryParam("uploadId") != null;
        if (method == HandlerType.GET && !hasUploadId || method == HandlerType.HEAD) {
            files.serve(ctx, key);
            return;
        }
        UploadSession session = access.authorize(ctx, bucket, key);
        if (method == HandlerType.PUT && !hasUploadId) {
            putObject(ctx, key);
        } else if (method == HandlerType.PUT) {
            multipart.uploadPart(ctx, bucket, key, contentMd5(ctx));
        } else if (method == HandlerType.POST && ctx.queryParamMap().containsKey("uploads")) {
            multipart.initiate(ctx, session, bucket, key);
        } else if (method == HandlerType.POST && hasUploadId) {
            multipart.complete(ctx, bucket, key);
        } else if (method == HandlerType.GET) {
            multipart.listParts(ctx, bucket, key);
        } else if (method == HandlerType.DELETE && hasUploadId) {
            multipart.abort(ctx, bucket, key);
        } else {
            throw new CosException(405, "MethodNotAllowed", method + " is not supported here");
        }
    }

    private void putObject(Context ctx, ObjectKey key) {
        StoredObject stored;
        try {
            stored = store.put(key, ctx.bodyInputStream(), contentMd5(ctx));
        } catch (ObjectStore.DigestMismatchException e) {
            throw new CosException(400, "BadDigest", "the Content-MD5 does not match the content");
        } catch (UncheckedIOException e) {
            throw new CosException(400, "IncompleteBody", "the body could not be read: " + e.getMessage());
        }
        log.debug("Stored {} ({} bytes)", key, stored.size());
        ctx.status(200).header("ETag", stored.etag());
    }

    private static ObjectKey key(CosTarget target) {
        try {
            return new ObjectKey(target.key());
        } catch (ObjectKey.InvalidObjectKeyException e) {
            throw new CosException(400, "InvalidObjectName", e.getMessage());
        }
    }

    /** The declared MD5 as lowercase hex, from the base64 {@code Content-MD5} header. */
    private static Optional<String> contentMd5(Context ctx) {
        String header = ctx.header("Content-MD5");
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] md5 = Base64.getDecoder().decode(header.trim());
            if (md5.length != 16) {
                throw new IllegalArgumentException("not 16 bytes");
            }
            return Optional.of(HexFormat.of().formatHex(md5));
        } catch (IllegalArgumentException e) {
            throw new CosException(400, "InvalidDigest", "Content-MD5 is not a base64 MD5");
        }
    }
}
