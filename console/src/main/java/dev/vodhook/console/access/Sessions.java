package dev.vodhook.console.access;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's login sessions, in memory (a restart signs everyone out): a random id in an HttpOnly,
 * SameSite=Strict cookie names the role its token gave and the CSRF token of its forms. A session ends when
 * logged out, after {@link #IDLE} without a request, or {@link #MAX_AGE} after login.
 */
public final class Sessions {
    static final Duration IDLE = Duration.ofHours(12);
    static final Duration MAX_AGE = Duration.ofDays(7);
    static final int MAX_SESSIONS = 1000;

    /** One signed-in browser. */
    public record Session(String id, Role role, String csrf, Instant createdAt, Instant lastSeen) {
        Session seen(Instant now) {
            return new Session(id, role, csrf, createdAt, now);
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Session create(Role role) {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
        while (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().min(Comparator.comparing(Session::lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.id()));
        }
        Session session = new Session(randomId(), role, randomId(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, now marked as seen. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session seen = session.seen(now);
        sessions.put(id, seen);
        return Optional.of(seen);
    }

    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean expired(Session s, Instant now) {
        return s.lastSeen().plus(IDLE).isBefore(now) || s.createdAt().plus(MAX_AGE).isBefore(now);
    }
}
