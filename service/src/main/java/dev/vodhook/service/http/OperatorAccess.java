package dev.vodhook.service.http;

import dev.vodhook.service.ServiceConfig;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the operator side: with an admin token configured, every route marked {@link Need#READ} or
 * {@link Need#WRITE} needs {@code Authorization: Bearer <token>}; the read token, when there is one, only
 * the routes that read. Tokens are compared as SHA-256 digests in constant time. Without an admin token
 * every route is open (allowed only on a loopback admin host, {@link ServiceConfig#checkExposure()}).
 */
public final class OperatorAccess {
    private static final String BEARER = "Bearer ";

    /** What a route needs; routes without one (callbacks, {@code /healthz}) are open. */
    enum Need implements RouteRole {
        READ,
        WRITE
    }

    private final Optional<byte[]> admin;
    private final Optional<byte[]> read;

    public OperatorAccess(AdminSettings settings) {
        this.admin = settings.token().map(OperatorAccess::sha256);
        this.read = settings.readToken().map(OperatorAccess::sha256);
    }

    /** A {@code beforeMatched} handler: lets the request through or refuses it with 401 or 403. */
    void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        // routes marked otherwise (the console's pages) have their own check
        if (admin.isEmpty() || roles.stream().noneMatch(r -> r instanceof Need)) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw unauthorized(ctx, "this route needs Authorization: Bearer <admin-token>");
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized(ctx, "the Authorization header must be Bearer <admin-token>");
        }
        byte[] given = sha256(header.substring(BEARER.length()).strip());
        // both compared every time, so the time taken does not tell which token it was close to
        boolean isAdmin = MessageDigest.isEqual(admin.get(), given);
        boolean isRead = read.isPresent() && MessageDigest.isEqual(read.get(), given);
        if (isAdmin) {
            return;
        }
        if (!isRead) {
            throw unauthorized(ctx, "wrong token");
        }
        if (roles.contains(Need.WRITE)) {
            throw new HttpProblem(403, "Forbidden", "the read token may only read; this needs the admin token");
        }
    }

    private static HttpProblem unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"vodhook\"");
        return new HttpProblem(401, "Unauthorized", message);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
