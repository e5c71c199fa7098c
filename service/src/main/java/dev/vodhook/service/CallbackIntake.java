package dev.vodhook.service;

import dev.vodhook.events.DedupeKeys;
import dev.vodhook.events.EventParser;
import dev.vodhook.events.MalformedEventException;
import dev.vodhook.events.VodEvent;
import dev.vodhook.store.AppendResult;
import dev.vodhook.store.EventSource;
import dev.vodhook.store.Inbox;
import dev.vodhook.store.IncomingEvent;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Normal callbacks (PUSH): check the size and the token, parse, append the raw event to the inbox,
 * and only once that is committed answer 200 and wake the processor. A duplicate is answered 200
 * and not stored again; an unknown EventType is stored. Client mistakes get a 4xx with a reason,
 * a database failure 503 so that VOD tries again.
 */
final class CallbackIntake {
    private static final Logger log = LoggerFactory.getLogger(CallbackIntake.class);
    /** Request headers worth keeping with an event (lower case). */
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-length", "user-agent",
            "x-forwarded-for", "x-real-ip", "x-request-id", "sign", "t");

    private final Inbox inbox;
    private final Optional<byte[]> tokenDigest;
    private final int maxBodyBytes;
    private final Clock clock;
    private final ServiceMetrics metrics;
    private final Runnable onAppend;

    CallbackIntake(Inbox inbox, Optional<String> token, int maxBodyBytes, Clock clock, ServiceMetrics metrics,
            Runnable onAppend) {
        this.inbox = inbox;
        this.tokenDigest = token.map(CallbackIntake::sha256);
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.metrics = metrics;
        this.onAppend = onAppend;
    }

    /** {@code POST /callback}: only when no token is configured. */
    void untokened(Context ctx) {
        if (tokenDigest.isPresent()) {
            metrics.rejected("forbidden");
            throw new HttpProblem(403, "Forbidden", "callbacks are accepted only on /callback/<token>");
        }
        accept(ctx);
    }

    /** {@code POST /callback/{token}}: the token must match, compared in constant time. */
    void tokened(Context ctx) {
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
        byte[] body = readLimited(ctx);
        VodEvent event;
        try {
            event = EventParser.parse(body);
        } catch (MalformedEventException e) {
            metrics.rejected("malformed");
            log.warn("Refused a callback from {}: {}", ctx.ip(), e.getMessage());
            throw new HttpProblem(400, "MalformedEvent", e.getMessage());
        }
        String source = EventSource.PUSH.name();
        AppendResult result = inbox.append(new IncomingEvent(clock.instant(), EventSource.PUSH, event.eventType(),
                event.format().name(), dedupeKey(event, body), new String(body, StandardCharsets.UTF_8),
                headers(ctx)));
        if (result.duplicate()) {
            metrics.duplicate(event.eventType(), source);
            log.info("Event {} ({}) arrived again from {}; already stored, not processed again", result.id(),
                    event.eventType(), ctx.ip());
        } else {
            metrics.received(event.eventType(), source);
            log.info("Event {} ({}) received from {} and stored", result.id(), event.eventType(), ctx.ip());
            onAppend.run();
        }
        ctx.json(Map.of("code", 0, "id", result.id(), "duplicate", result.duplicate()));
    }

    private byte[] readLimited(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw HttpProblem.badRequest("could not read the request body: " + e.getMessage());
        }
    }

    private HttpProblem tooLarge(String size) {
        metrics.rejected("too_large");
        return new HttpProblem(413, "PayloadTooLarge",
                "body of " + size + " exceeds the limit of " + maxBodyBytes + " bytes");
    }

    /** The event's dedupe key; should computing it ever fail, the body's hash, so the event is still kept. */
    private static String dedupeKey(VodEvent event, byte[] body) {
        try {
            return DedupeKeys.of(event);
        } catch (RuntimeException e) {
            log.warn("No dedupe key for a {} event ({}); keying it by its body's hash", event.eventType(), e.toString());
            return event.eventType() + ":raw-" + HexFormat.of().formatHex(sha256(body));
        }
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
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
