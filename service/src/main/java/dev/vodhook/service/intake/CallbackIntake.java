package dev.vodhook.service.intake;

import dev.vodhook.events.IntakeEvent;
import dev.vodhook.events.IntakeReader;
import dev.vodhook.events.MalformedEventException;
import dev.vodhook.events.SetupProbe;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.http.HttpProblem;
import dev.vodhook.service.http.SetupProbes;
import dev.vodhook.store.inbox.AppendResult;
import dev.vodhook.store.inbox.EventSource;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normal callbacks (PUSH): check the token, the size and VOD's signature (when a sign key is
 * configured, on the raw bytes), parse, append the raw event to the inbox
 * with the next group commit, and only once that is committed answer 200 (the commit wakes the
 * processor). A refused callback stores nothing; its refusal is counted by reason and logged once per
 * source and reason a minute. A duplicate is answered 200
 * and not stored again; an unknown EventType is stored. Client mistakes get a 4xx with a reason,
 * a database failure or a full commit queue 503 so that VOD tries again.
 */
public final class CallbackIntake {
    private static final Logger log = LoggerFactory.getLogger(CallbackIntake.class);
    /** Request headers worth keeping with an event (lower case). */
    /** The first buffer for a body; a callback is a few KB. */
    private static final int READ_CHUNK = 16 * 1024;
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-length", "user-agent",
            "x-forwarded-for", "x-real-ip", "x-request-id", "sign", "t");

    private final GroupCommit commit;
    private final Optional<byte[]> tokenDigest;
    private final CallbackSignatureCheck signature;
    private final int maxBodyBytes;
    private final Duration readTimeout;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final boolean enabled;
    private final RefusalLog refusals;
    private final SetupProbes probes;

    /**
     * @param enabled false when intake is pull only: then callbacks are refused with 404, so that a
     *                misdirected push is noticed rather than silently taken
     */
    public CallbackIntake(GroupCommit commit, Optional<String> token, CallbackSignatureCheck signature,
            int maxBodyBytes, Duration readTimeout, Clock clock, ServiceMetrics metrics, boolean enabled,
                    SetupProbes probes) {
        this.commit = commit;
        this.tokenDigest = token.map(CallbackIntake::sha256);
        this.signature = signature;
        this.maxBodyBytes = maxBodyBytes;
        this.readTimeout = readTimeout;
        this.clock = clock;
        this.metrics = metrics;
        this.enabled = enabled;
        this.refusals = new RefusalLog(log, clock, Duration.ofMinutes(1));
        this.probes = probes;
    }

    /** {@code POST /callback}: only when no token is configured. */
    public void untokened(Context ctx) {
        if (tokenDigest.isPresent()) {
            metrics.rejected("forbidden");
            throw new HttpProblem(403, "Forbidden", "callbacks are accepted only on /callback/<token>");
        }
        accept(ctx);
    }

    /** {@code POST /callback/{token}}: the token must match, compared in constant time. */
    public void tokened(Context ctx) {
        if (tokenDigest.isEmpty()) {
            throw HttpProblem.notFound("no callback token is configured; post to /callback");
        }
        if (!MessageDigest.isEqual(tokenDigest.get(), sha256(ctx.pathParam("token")))) {
            metrics.rejected("forbidden");
            throw new HttpProblem(403, "Forbidden", "wrong callback token");
        }
        accept(ctx);
    }

    private void accept(Context ctx) {
        if (!enabled) {
            throw HttpProblem.notFound("push intake is off (intake: pull); this receiver takes events by PullEvents");
        }
        byte[] body = readLimited(ctx);
        try {
            signature.verify(body, ctx::header);
        } catch (HttpProblem e) {
            metrics.rejected(switch (e.code()) {
                case "SignatureMissing" -> "signature_missing";
                case "SignatureExpired" -> "signature_expired";
                default -> "signature_mismatch";
            });
            refusals.refused(ctx.ip(), e.code(), e.getMessage());
            throw e;
        }
        IntakeEvent event;
        try {
            event = IntakeReader.read(body);
        } catch (MalformedEventException e) {
            metrics.rejected("malformed");
            refusals.refused(ctx.ip(), "MalformedEvent", e.getMessage());
            throw new HttpProblem(400, "MalformedEvent", e.getMessage());
        }
        if (event.isProbe()) {
            answerProbe(ctx, event);
            return;
        }
        String source = EventSource.PUSH.name();
        AppendResult result = commit.append(IncomingEvents.of(event, new String(body, StandardCharsets.UTF_8),
                EventSource.PUSH, clock.instant(), headers(ctx)));
        if (result.duplicate()) {
            metrics.duplicate(event.eventType(), source);
            if (log.isDebugEnabled()) {
                log.debug("Event {} ({}) arrived again from {}; already stored, not processed again", result.id(),
                        event.eventType(), ctx.ip());
            }
        } else {
            metrics.received(event.eventType(), source);
            if (log.isDebugEnabled()) {
                log.debug("Event {} ({}) received from {} and stored", result.id(), event.eventType(), ctx.ip());
            }
        }
        answer(ctx, result);
    }

    /**
     * A setup probe that passed the token and signature checks: recorded for {@code GET /api/probes/{nonce}},
     * answered {@code {"code":0,"probe":nonce,"verified":..}}, never stored or processed.
     */
    private void answerProbe(Context ctx, IntakeEvent event) {
        String nonce = event.probeNonce().orElseThrow(() -> {
            metrics.rejected("malformed");
            return new HttpProblem(400, "MalformedEvent", SetupProbe.EVENT_TYPE + " needs "
                    + SetupProbe.EVENT_TYPE + "Event.Nonce: 8 to 64 letters, digits or dashes");
        });
        SetupProbes.Seen seen = probes.record(nonce, signature.required());
        log.info("Setup probe {} answered from {} ({}); not stored as an event", nonce, ctx.ip(),
                seen.verified() ? "its Sign/T verified" : "unsigned: no sign-key is configured");
        ctx.status(200).json(Map.of("code", 0, "probe", nonce, "verified", seen.verified()));
    }

    /**
     * {@code {"code":0,"id":..,"duplicate":..}}, written by hand straight to the response: this is
     * the hot path, and Javalin's result handling costs a copy buffer per request.
     */
    private static void answer(Context ctx, AppendResult result) {
        byte[] json = ("{\"code\":0,\"id\":" + result.id() + ",\"duplicate\":" + result.duplicate() + "}")
                .getBytes(StandardCharsets.US_ASCII);
        ctx.status(200);
        ctx.res().setContentType("application/json");
        ctx.res().setContentLength(json.length);
        try {
            ctx.res().getOutputStream().write(json);
        } catch (IOException e) {
            log.debug("Could not answer a stored event's sender (it is stored): {}", e.toString());
        }
    }

    /**
     * The body, at most {@code maxBodyBytes}, read within {@code readTimeout} of its first read (checked after
     * every read; a read that waits for bytes ends at the listener's idle timeout at the latest).
     */
    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        // the declared length exactly, else up to one byte over the limit; the array grows as bytes come, so that
        // a sender that declares much and sends little holds little memory
        int wanted = declared >= 0 ? (int) declared : maxBodyBytes + 1;
        byte[] body = new byte[Math.min(wanted, READ_CHUNK)];
        int length = 0;
        long deadline = System.nanoTime() + readTimeout.toNanos();
        try (InputStream in = ctx.req().getInputStream()) {
            while (length < wanted) {
                if (length == body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(wanted, 2L * body.length));
                }
                int n = in.read(body, length, body.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length < wanted && System.nanoTime() - deadline > 0) {
                    metrics.rejected("too_slow");
                    throw new HttpProblem(408, "RequestTimeout", "the body did not come within "
                            + readTimeout.toMillis()
                            + " ms (" + length + " bytes came)");
                }
            }
        } catch (IOException e) {
            throw HttpProblem.badRequest("could not read the request body: " + e.getMessage());
        }
        if (declared >= 0 && length < declared) {
            throw HttpProblem.badRequest("the body ended after " + length + " of " + declared + " bytes");
        }
        if (length > maxBodyBytes) {
            throw tooLarge("more than " + maxBodyBytes + " bytes");
        }
        return length == body.length ? body : Arrays.copyOf(body, length);
    }

    private HttpProblem tooLarge(String size) {
        metrics.rejected("too_large");
        return new HttpProblem(413, "PayloadTooLarge",
                "body of " + size + " exceeds the limit of " + maxBodyBytes + " bytes");
    }

    private static Map<String, String> headers(Context ctx) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            String value = ctx.header(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        kept.put("remote-addr", ctx.req().getRemoteAddr());
        return kept;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
