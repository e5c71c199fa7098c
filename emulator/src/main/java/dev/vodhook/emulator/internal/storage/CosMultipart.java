package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.IdSource;
import io.javalin.http.Context;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * COS multipart uploads as the COS SDKs drive them: initiate ({@code POST ?uploads}), list parts
 * ({@code GET ?uploadId=}), upload part ({@code PUT ?uploadId=&partNumber=}), complete ({@code POST ?uploadId=})
 * and abort ({@code DELETE ?uploadId=}).
 */
public final class CosMultipart {

    private static final Logger log = LoggerFactory.getLogger(CosMultipart.class);
    private static final int MAX_PART_NUMBER = 10_000;

    private final MultipartUploads uploads;
    private final ObjectStore store;
    private final IdSource ids;
    private final Clock clock;

    public CosMultipart(MultipartUploads uploads, ObjectStore store, IdSource ids, Clock clock) {
        this.uploads = uploads;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
    }

    void initiate(Context ctx, UploadSession session, String bucket, ObjectKey key) {
        MultipartUpload upload = new MultipartUpload(ids.hex(16), bucket, key, session.vodSessionKey(),
                store.newScratchDirectory("multipart-"), clock.instant());
        uploads.save(upload);
        log.debug("Multipart upload {} started for {}", upload.uploadId(), key);
        xml(ctx, CosXml.initiateResult(bucket, key, upload.uploadId()));
    }

    void listParts(Context ctx, String bucket, ObjectKey key) {
        xml(ctx, CosXml.listPartsResult(find(ctx, bucket, key)));
    }

    void uploadPart(Context ctx, String bucket, ObjectKey key, Optional<String> expectedMd5) {
        MultipartUpload upload = find(ctx, bucket, key);
        int partNumber = partNumber(ctx.queryParam("partNumber"));
        Path file = upload.partFile(partNumber);
        ObjectStore.StoredPart part;
        try {
            part = store.writeScratch(file, ctx.bodyInputStream());
        } catch (UncheckedIOException e) {
            throw new CosException(400, "IncompleteBody", "the part could not be read: " + e.getMessage());
        }
        if (expectedMd5.isPresent() && !expectedMd5.get().equals(part.md5())) {
            ObjectStore.deleteQuietly(file);
            throw new CosException(400, "BadDigest", "the part's Content-MD5 does not match its content");
        }
        upload.putPart(partNumber, part);
        ctx.header("ETag", "\"" + part.md5() + "\"");
    }

    void complete(Context ctx, String bucket, ObjectKey key) {
        MultipartUpload upload = find(ctx, bucket, key);
        List<CosXml.PartRef> refs = CosXml.parseComplete(ctx.bodyAsBytes());
        if (refs.isEmpty()) {
            throw new CosException(400, "MalformedXML", "CompleteMultipartUpload lists no parts");
        }
        MessageDigest combined = md5();
        int previous = 0;
        List<Path> files = new java.util.ArrayList<>();
        for (CosXml.PartRef ref : refs) {
            if (ref.partNumber() <= previous) {
                throw new CosException(400, "InvalidPartOrder", "parts must be listed in ascending order");
            }
            previous = ref.partNumber();
            ObjectStore.StoredPart part = upload.parts().get(ref.partNumber());
            if (part == null || !ref.etag().replace("\"", "").equals(part.md5())) {
                throw new CosException(400, "InvalidPart", "part " + ref.partNumber()
                        + " was not uploaded with that ETag");
            }
            combined.update(HexFormat.of().parseHex(part.md5()));
            files.add(part.path());
        }
        StoredObject object = store.concatenate(key, files);
        uploads.remove(upload.uploadId());
        ObjectStore.deleteTree(upload.directory());
        String etag = "\"" + HexFormat.of().formatHex(combined.digest()) + "-" + refs.size() + "\"";
        log.debug("Multipart upload {} completed: {} ({} bytes in {} parts)", upload.uploadId(), key, object.size(),
                refs.size());
        xml(ctx, CosXml.completeResult(bucket + ".cos.local" + key.value(), bucket, key, etag));
    }

    void abort(Context ctx, String bucket, ObjectKey key) {
        MultipartUpload upload = find(ctx, bucket, key);
        uploads.remove(upload.uploadId());
        ObjectStore.deleteTree(upload.directory());
        log.debug("Multipart upload {} aborted", upload.uploadId());
        ctx.status(204);
    }

    void clear() {
        uploads.clear();
    }

    private MultipartUpload find(Context ctx, String bucket, ObjectKey key) {
        return uploads.find(ctx.queryParam("uploadId"), bucket, key).orElseThrow(() ->
                new CosException(404, "NoSuchUpload", "the multipart upload does not exist or has ended"));
    }

    private static int partNumber(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_PART_NUMBER) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new CosException(400, "InvalidArgument", "partNumber must be 1.." + MAX_PART_NUMBER);
    }

    private static void xml(Context ctx, String body) {
        ctx.status(200).contentType("application/xml").result(body);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }
}
