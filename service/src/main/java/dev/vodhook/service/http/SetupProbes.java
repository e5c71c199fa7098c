package dev.vodhook.service.http;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The setup probes this receiver answered ({@code vodhook setup}'s test of a callback URL,
 * {@link dev.vodhook.events.SetupProbe}): kept in memory, the last {@link #KEPT} only, never in the inbox, so that
 * a probe is never processed and a restart forgets them. {@code GET /api/probes/{nonce}} tells setup that its probe
 * reached this receiver through the callback route and whether its signature was checked.
 */
public final class SetupProbes {
    static final int KEPT = 100;

    /** One answered probe; {@code verified} is true when the receiver checked its Sign/T (a sign-key is set). */
    public record Seen(String nonce, Instant receivedAt, boolean verified) {}

    private final Clock clock;
    private final Map<String, Seen> seen = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > KEPT;
        }
    };

    public SetupProbes(Clock clock) {
        this.clock = clock;
    }

    public synchronized Seen record(String nonce, boolean verified) {
        Seen s = new Seen(nonce, clock.instant(), verified);
        seen.put(nonce, s);
        return s;
    }

    synchronized Optional<Seen> find(String nonce) {
        return Optional.ofNullable(seen.get(nonce));
    }

    /** {@code GET /api/probes/{nonce}}: 200 with the probe, 404 when this receiver has not answered it. */
    void show(Context ctx) {
        String nonce = ctx.pathParam("nonce");
        Seen s = find(nonce).orElseThrow(() -> HttpProblem.notFound("this receiver has answered no setup probe "
                + "with nonce " + (nonce.length() > 64 ? nonce.substring(0, 64) + "…" : nonce)
                + " since it started"));
        ctx.json(Map.of("nonce", s.nonce(), "receivedAt", s.receivedAt().toString(), "verified", s.verified()));
    }
}
