package dev.vodhook.emulator.internal.storage;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Every request that is not the API or {@code /_emulator/}: storage requests (by COS Host in proxy mode, or under
 * {@code /cos/<bucket>/}) go to {@link CosHandler}; any other {@code GET}/{@code HEAD} is a stored object served by
 * its key, which is the path of its output URL.
 */
public final class RequestRouter implements Handler {

    private final CosHandler cos;
    private final FileServer files;

    public RequestRouter(CosHandler cos, FileServer files) {
        this.cos = cos;
        this.files = files;
    }

    @Override
    public void handle(Context ctx) {
        var target = locate(ctx);
        if (target.isPresent()) {
            cos.handle(ctx, target.get());
            return;
        }
        if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
            ctx.status(405).contentType("text/plain").result(ctx.method() + " is not supported on " + ctx.path());
            return;
        }
        String path = CosTarget.decodedPath(ctx);
        if (!ObjectKey.isValid(path)) {
            ctx.status(404).contentType("text/plain").result("no such object");
            return;
        }
        files.serve(ctx, new ObjectKey(path));
    }

    private static java.util.Optional<CosTarget> locate(Context ctx) {
        try {
            return CosTarget.locate(ctx);
        } catch (CosException e) {
            return java.util.Optional.empty();
        }
    }
}
