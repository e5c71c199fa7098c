package dev.vodhook.events;

import java.util.Optional;

/**
 * What intake needs of a received event: its type and format, its dedupe key, the FileId and TaskId it names and,
 * for a setup probe, the nonce. Read by {@link IntakeReader} without the tree of the whole body; each answer is
 * the one {@link EventParser#parse}, {@link DedupeKeys#of} and {@link VodEvent} give for the same bytes, failures
 * included (a method that would throw on the whole tree throws the same here).
 */
public final class IntakeEvent {
    private final VodEvent view;
    private final boolean whole;
    private final byte[] body;

    /** @param whole whether {@code view} holds the whole body or only the fields intake reads */
    IntakeEvent(VodEvent view, boolean whole, byte[] body) {
        this.view = view;
        this.whole = whole;
        this.body = body;
    }

    /** Whether the body was read in one pass (false: it went the tree path, being unusual). For tests. */
    boolean streamed() {
        return !whole;
    }

    public String eventType() {
        return view.eventType();
    }

    public EventFormat format() {
        return view.format();
    }

    /** As {@link DedupeKeys#of}; an event keyed by its whole body is parsed whole for it (a rare case). */
    public String dedupeKey() {
        if (whole) {
            return DedupeKeys.of(view);
        }
        return DedupeKeys.specific(view).map(key -> view.eventType() + ":" + key)
                .orElseGet(() -> DedupeKeys.of(EventParser.parse(body)));
    }

    public Optional<String> fileId() {
        return view.fileId();
    }

    public Optional<String> taskId() {
        return view.taskId();
    }

    public boolean isProbe() {
        return SetupProbe.isProbe(view);
    }

    /** As {@link SetupProbe#nonce}. */
    public Optional<String> probeNonce() {
        return SetupProbe.nonce(view);
    }
}
