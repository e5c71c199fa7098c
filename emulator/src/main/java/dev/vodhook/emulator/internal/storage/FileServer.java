package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.media.MediaTypes;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Serves stored objects with {@code GET}/{@code HEAD}, including single byte ranges (206, Content-Range). */
public final class FileServer {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FileServer.class);

    private final ObjectStore store;

    public FileServer(ObjectStore store) {
        this.store = store;
    }

    void serve(Context ctx, ObjectKey key) {
        Optional<Path> file = store.find(key);
        if (file.isEmpty()) {
            ctx.status(404).contentType("text/plain").result("no such object: " + key);
            return;
        }
        long size = size(file.get());
        ctx.header("Accept-Ranges", "bytes");
        ctx.contentType(MediaTypes.contentType(key.extension()));
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.header("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            ctx.status(416).header("Content-Range", "bytes */" + size).result(new byte[0]);
            return;
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        range.ifPresent(r -> ctx.status(206).header("Content-Range", r.contentRange(size)));
        ctx.header("Content-Length", Long.toString(length));
        if (ctx.method() != HandlerType.HEAD) {
            copy(file.get(), first, length, ctx);
        }
    }

    private static void copy(Path file, long first, long length, Context ctx) {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(first);
            OutputStream out = ctx.res().getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
            out.flush();
        } catch (IOException e) {
            log.debug("Sending {} stopped: {}", file.getFileName(), e.toString());
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
