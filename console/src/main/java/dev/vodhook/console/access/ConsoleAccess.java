package dev.vodhook.console.access;

import dev.vodhook.console.web.PageError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who may use the console, checked before every console route (a {@code beforeMatched} handler, by the routes'
 * {@link Need}):
 * <ul>
 * <li>with an admin token configured, a page needs a session (from {@code /login}: the token swapped for an
 *     HttpOnly, SameSite=Strict cookie) or {@code Authorization: Bearer <token>}; the read token's sessions see
 *     every page but none of the buttons that change state, and their state-changing requests are refused;</li>
 * <li>without one (the admin listener is then loopback only), everyone is admin, and a request must name a
 *     loopback host, so that a web page cannot reach the console through a DNS name rebound to 127.0.0.1;</li>
 * <li>a state-changing request (POST) from a browser must come from the console's own origin ({@code Origin},
 *     else {@code Referer}) and carry the CSRF token of the page it was sent from; one with a Bearer token needs
 *     neither, since no browser sends that header on its own.</li>
 * </ul>
 */
public final class ConsoleAccess {
    /** The session cookie. */
    public static final String COOKIE = "vodhook_console";
    /** The form field with the CSRF token. */
    public static final String CSRF_FIELD = "csrf";
    private static final String VIEWER = "vodhook.console.viewer";
    private static final String BEARER = "Bearer ";

    /** What a console route needs. */
    public enum Need implements RouteRole {
        /** A page or fragment: any signed-in role. */
        VIEW,
        /** A state-changing request: the admin role, same origin, the CSRF token. */
        ACT,
        /** The login form: open, but a POST must come from the console's own origin. */
        LOGIN
    }

    private final Tokens tokens;
    private final Sessions sessions;
    private final String consoleCsrf;

    public ConsoleAccess(Tokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.consoleCsrf = sessions.randomId();
    }

    public Tokens tokens() {
        return tokens;
    }

    public Sessions sessions() {
        return sessions;
    }

    /** The viewer the check let through ({@link #check}). */
    public static Viewer viewer(Context ctx) {
        Viewer viewer = ctx.attribute(VIEWER);
        if (viewer == null) {
            throw new IllegalStateException(ctx.path() + " is not a console route: no viewer checked");
        }
        return viewer;
    }

    /** A {@code beforeMatched} handler: lets the request through, sends a browser to the login, or refuses it. */
    public void check(Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        Need need = roles.contains(Need.ACT) ? Need.ACT : roles.contains(Need.VIEW) ? Need.VIEW
                : roles.contains(Need.LOGIN) ? Need.LOGIN : null;
        if (need == null) {
            return;
        }
        if (!tokens.required() && !loopbackHost(ctx.header("Host"))) {
            throw new PageError(403, "without an admin token the console answers only on a loopback host name"
                    + " (127.0.0.1, localhost or [::1]), not " + ctx.header("Host"));
        }
        Optional<Role> bearer = bearerRole(ctx);
        if (ctx.method().name().equals("POST") && bearer.isEmpty()) {
            requireSameOrigin(ctx);
        }
        if (need == Need.LOGIN) {
            return;
        }
        Viewer viewer = bearer.map(role -> new Viewer(role, "", false)).or(() -> viewerOf(ctx)).orElse(null);
        if (viewer == null) {
            refuseAnonymous(ctx);
            return;
        }
        if (need == Need.ACT) {
            if (!viewer.canAct()) {
                throw new PageError(403, "the read token may look but not act; sign in with the admin token");
            }
            if (bearer.isEmpty() && !sameToken(viewer.csrf(), ctx.formParam(CSRF_FIELD))) {
                throw new PageError(403, "the form's CSRF token is missing or stale: reload the page and try again");
            }
        }
        ctx.attribute(VIEWER, viewer);
    }

    /** The viewer of a session cookie, or everyone's without a token. */
    private Optional<Viewer> viewerOf(Context ctx) {
        if (!tokens.required()) {
            return Optional.of(new Viewer(Role.ADMIN, consoleCsrf, false));
        }
        return sessions.find(ctx.cookie(COOKIE)).map(s -> new Viewer(s.role(), s.csrf(), true));
    }

    private Optional<Role> bearerRole(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        Optional<Role> role = tokens.roleOf(header.substring(BEARER.length()));
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"vodhook\"");
            throw new PageError(401, "wrong token");
        }
        return role;
    }

    /** A browser asking for a page goes to the login form and comes back; anything else gets a 401. */
    private static void refuseAnonymous(Context ctx) {
        String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        String login = "/login?next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8);
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", login); // a poll after the session ended: htmx loads the login page
            throw new PageError(401, "sign in first");
        }
        if (ctx.method().name().equals("GET")) {
            ctx.redirect(login, HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        throw new PageError(401, "sign in first");
    }

    /** The request comes from a page of this console: its Origin (else Referer) names the host it was sent to. */
    private static void requireSameOrigin(Context ctx) {
        String host = ctx.header("Host");
        String origin = ctx.header("Origin");
        String from = origin != null && !origin.equals("null") ? origin : ctx.header("Referer");
        if (from == null || host == null) {
            throw new PageError(403, "a state-changing request must come from a console page (no Origin or Referer)");
        }
        String fromHost;
        try {
            fromHost = URI.create(from.strip()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            fromHost = null;
        }
        if (fromHost == null || !fromHost.equalsIgnoreCase(host.strip())) {
            throw new PageError(403, "cross-origin request refused: sent from " + from + " to " + host);
        }
    }

    static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && host.substring(1, end).equals("::1");
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && !expected.isEmpty() && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
