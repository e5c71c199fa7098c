package dev.vodhook.console.access;

import dev.vodhook.console.web.Templates;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /login} and {@code /logout}: the admin or read token swapped for a session cookie, and back. */
public final class LoginPage {
    private static final Logger log = LoggerFactory.getLogger(LoginPage.class);

    /** What the login form shows. */
    public record View(String next, Optional<String> error) {}

    private final ConsoleAccess access;
    private final Templates templates;

    public LoginPage(ConsoleAccess access, Templates templates) {
        this.access = access;
        this.templates = templates;
    }

    /** {@code GET /login}. */
    public void form(Context ctx) {
        if (!access.tokens().required()) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        templates.answer(ctx, "login.jte", new View(safeNext(ctx.queryParam("next")), Optional.empty()));
    }

    /** {@code POST /login} with {@code token} and {@code next}. */
    public void signIn(Context ctx) {
        String next = safeNext(ctx.formParam("next"));
        if (!access.tokens().required()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        Optional<Role> role = access.tokens().roleOf(ctx.formParam("token"));
        if (role.isEmpty()) {
            log.warn("Console login refused from {}: wrong token", ctx.ip());
            ctx.status(401);
            templates.answer(ctx, "login.jte", new View(next, Optional.of("That is neither the admin token nor the read token.")));
            return;
        }
        Sessions.Session session = access.sessions().create(role.get());
        ctx.header("Set-Cookie", cookie(ctx, session.id(), (int) Sessions.MAX_AGE.toSeconds()));
        log.info("Console login from {} with the {} token", ctx.ip(), role.get() == Role.ADMIN ? "admin" : "read");
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    /** {@code POST /logout}. */
    public void signOut(Context ctx) {
        access.sessions().end(ctx.cookie(ConsoleAccess.COOKIE));
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
        ctx.redirect(access.tokens().required() ? "/login" : "/", HttpStatus.SEE_OTHER);
    }

    private static String cookie(Context ctx, String value, int maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        return ConsoleAccess.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    /** Only a path of this console: never another site ({@code //evil}, {@code https://...}). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
