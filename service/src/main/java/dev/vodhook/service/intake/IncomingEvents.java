package dev.vodhook.service.intake;

import dev.vodhook.events.DedupeKeys;
import dev.vodhook.events.EventFormat;
import dev.vodhook.events.IntakeEvent;
import dev.vodhook.events.VodEvent;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turning a received event into what the inbox stores, the same way for push and pull. */
public final class IncomingEvents {
    private static final Logger log = LoggerFactory.getLogger(IncomingEvents.class);

    private IncomingEvents() {}

    public static IncomingEvent of(VodEvent event, String body, EventSource source, Instant receivedAt,
            Map<String, String> headers) {
        return of(event.eventType(), event.format(), () -> DedupeKeys.of(event), event::fileId, event::taskId, body,
                source, receivedAt, headers);
    }

    /** The same, from what intake read of a pushed body ({@link dev.vodhook.events.IntakeReader}). */
    public static IncomingEvent of(IntakeEvent event, String body, EventSource source, Instant receivedAt,
            Map<String, String> headers) {
        return of(event.eventType(), event.format(), event::dedupeKey, event::fileId, event::taskId, body, source,
                receivedAt, headers);
    }

    private static IncomingEvent of(String type, EventFormat format, Supplier<String> key,
            Supplier<Optional<String>> fileId, Supplier<Optional<String>> taskId, String body, EventSource source,
            Instant receivedAt, Map<String, String> headers) {
        return new IncomingEvent(receivedAt, source, type, format.name(), dedupeKey(type, key, body), body, headers,
                id(type, "FileId", fileId), id(type, "TaskId", taskId));
    }

    /** The FileId or TaskId the event names; should reading it ever fail, none, so the event is still kept. */
    public static Optional<String> id(VodEvent event, String what, Supplier<Optional<String>> read) {
        return id(event.eventType(), what, read);
    }

    private static Optional<String> id(String type, String what, Supplier<Optional<String>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            log.warn("No {} read from a {} event ({}); stored without one", what, type, e.toString());
            return Optional.empty();
        }
    }

    /**
     * An event that is not one (no EventType), taken by PullEvents: kept under the type
     * {@code Unreadable} and its body's hash rather than dropped, so an operator can see it (the
     * processor cannot read it and leaves it DEAD).
     */
    static IncomingEvent unreadable(String body, EventSource source, Instant receivedAt, Map<String, String> headers) {
        return new IncomingEvent(receivedAt, source, "Unreadable", "UNKNOWN", "Unreadable:body-" + sha256Hex(body),
                body, headers);
    }

    /** The event's dedupe key; should computing it ever fail, the body's hash, so the event is still kept. */
    static String dedupeKey(VodEvent event, String body) {
        return dedupeKey(event.eventType(), () -> DedupeKeys.of(event), body);
    }

    private static String dedupeKey(String type, Supplier<String> key, String body) {
        try {
            return key.get();
        } catch (RuntimeException e) {
            log.warn("No dedupe key for a {} event ({}); keying it by its body's hash", type, e.toString());
            return type + ":raw-" + sha256Hex(body);
        }
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
