package dev.vodhook.emulator.internal.storage;

import dev.vodhook.emulator.internal.api.Tc3Verifier;
import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The bucket and object a storage request is about. Two ways in: through the emulator as an HTTP proxy, where the
 * Host is {@code <bucket>.cos.<region>.myqcloud.com} and the path is the key; or directly, as
 * {@code /cos/<bucket>/<key>} on the emulator's own address.
 */
public record CosTarget(String bucket, String key) {

    static final String DIRECT_PREFIX = "/cos/";
    private static final String COS_DOMAIN = ".myqcloud.com";

    public static boolean isCosHost(Context ctx) {
        return host(ctx).endsWith(COS_DOMAIN);
    }

    static Optional<CosTarget> locate(Context ctx) {
        String path = decodedPath(ctx);
        String host = host(ctx);
        if (host.endsWith(COS_DOMAIN)) {
            int cos = host.indexOf(".cos.");
            String bucket = cos > 0 ? host.substring(0, cos) : host.substring(0, host.indexOf('.'));
            return Optional.of(new CosTarget(bucket, path));
        }
        if (path.startsWith(DIRECT_PREFIX)) {
            String rest = path.substring(DIRECT_PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                return Optional.of(new CosTarget(rest.substring(0, slash), rest.substring(slash)));
            }
        }
        return Optional.empty();
    }

    /** The request path with percent-escapes decoded ({@code +} stays a plus, as in COS keys). */
    static String decodedPath(Context ctx) {
        String raw = ctx.req().getRequestURI();
        try {
            URI uri = raw.startsWith("/") ? URI.create("http://h" + raw) : URI.create(raw);
            return uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        } catch (IllegalArgumentException e) {
            throw new CosException(400, "InvalidURI", "the request path is not a valid URI");
        }
    }

    private static String host(Context ctx) {
        String host = ctx.header("Host");
        return host == null ? "" : Tc3Verifier.withoutPort(host).toLowerCase(Locale.ROOT);
    }
}
