package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.inbox.Inbox;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /events}: the inbox newest first, {@link #PAGE_SIZE} at a time (keyset: {@code before} the last id shown),
 * filtered by the URL ({@link EventQuery}); the first page keeps itself up to date.
 */
public final class EventsPage {
    static final int PAGE_SIZE = 50;
    static final int POLL_SECONDS = 3;
    /** Offered in the type filter; any other type can be typed in. */
    static final List<String> TYPES = List.of("NewFileUpload", "ProcedureStateChanged", "FileDeleted", "PullComplete",
            "EditMediaComplete", "ComposeMediaComplete", "SplitMediaComplete", "WechatPublishComplete",
            "TranscodeComplete", "ReviewAudioVideoComplete", "Unreadable");

    /** The page. */
    public record View(Page page, EventQuery query, Live rows, Optional<String> olderUrl, boolean paged,
            Optional<String> notice, List<String> types) {

        public String csvUrl() {
            return "/events.csv" + query.query();
        }

        public String newestUrl() {
            return "/events" + query.query();
        }

        public String replayUrl() {
            return "/events/replay" + query.query();
        }

        public String purgeUrl() {
            return "/events/purge" + query.query();
        }
    }

    /** The listing's rows. */
    public record Rows(List<EventSummary> events, Instant now, boolean filtered) {}

    private final Inbox inbox;
    private final Templates templates;
    private final Clock clock;

    public EventsPage(Inbox inbox, Templates templates, Clock clock) {
        this.inbox = inbox;
        this.templates = templates;
        this.clock = clock;
    }

    /** {@code GET /events}. */
    public void list(Context ctx) {
        EventQuery query = EventQuery.of(ctx);
        List<EventSummary> events = inbox.list(query.filter(), PAGE_SIZE);
        boolean paged = query.filter().beforeId().isPresent();
        Optional<String> older = events.size() == PAGE_SIZE
                ? Optional.of("/events" + query.query().with("before", String.valueOf(events.getLast().id())))
                : Optional.empty();
        templates.answer(ctx, "events.jte", new View(new Page("Events", "events", ConsoleAccess.viewer(ctx)), query,
                rows(query, events, paged ? 0 : POLL_SECONDS), older, paged, Notices.of(ctx), TYPES));
    }

    /** {@code GET /events/rows}: the first page's rows, for its poll. */
    public void rows(Context ctx) {
        EventQuery query = EventQuery.of(ctx);
        rows(query, inbox.list(query.filter(), PAGE_SIZE), POLL_SECONDS).answer(ctx, templates);
    }

    private Live rows(EventQuery query, List<EventSummary> events, int seconds) {
        String html = templates.render("event-rows.jte", new Rows(events, clock.instant(), !query.query().isEmpty()));
        return Live.of("event-rows", "/events/rows", query.query(), seconds, html);
    }
}
