package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.Inbox;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replay and purge of everything a filter matches: first a preview saying how many events it takes
 * ({@code GET /events/replay}, {@code GET /events/purge}), then the action on the filter the preview showed
 * ({@code POST}), and back to the listing with how many it took. A replay takes DEAD events only; a purge
 * DEAD or DONE events, as the filter says.
 */
public final class BulkActions {
    private static final Logger log = LoggerFactory.getLogger(BulkActions.class);

    /** The preview. */
    public record Preview(Page page, EventQuery query, String action, long count) {
        public String cancelUrl() {
            return "/events" + query.query();
        }
    }

    private final Inbox inbox;
    private final Templates templates;
    private final Clock clock;
    private final Runnable onReplay;

    public BulkActions(Inbox inbox, Templates templates, Clock clock, Runnable onReplay) {
        this.inbox = inbox;
        this.templates = templates;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** {@code GET /events/replay}. */
    public void previewReplay(Context ctx) {
        preview(ctx, "replay", replayable(EventQuery.of(ctx)));
    }

    /** {@code GET /events/purge}. */
    public void previewPurge(Context ctx) {
        preview(ctx, "purge", purgeable(EventQuery.of(ctx)));
    }

    /** {@code POST /events/replay}. */
    public void replay(Context ctx) {
        EventQuery query = replayable(EventQuery.ofForm(ctx));
        int replayed = inbox.replayAll(query.filter(), clock.instant());
        log.info("{} DEAD event(s) replayed from the console by {} ({}); they will be handled again now", replayed,
                ctx.ip(), query.describe());
        if (replayed > 0) {
            onReplay.run();
        }
        ctx.redirect("/events" + query.query().with("done", "replayed").with("count", String.valueOf(replayed)),
                HttpStatus.SEE_OTHER);
    }

    /** {@code POST /events/purge}. */
    public void purge(Context ctx) {
        EventQuery query = purgeable(EventQuery.ofForm(ctx));
        int purged = inbox.purge(query.filter());
        log.info("{} event(s) purged from the console by {} ({})", purged, ctx.ip(), query.describe());
        ctx.redirect("/events" + query.query().with("done", "purged").with("count", String.valueOf(purged)),
                HttpStatus.SEE_OTHER);
    }

    private void preview(Context ctx, String action, EventQuery query) {
        long count = inbox.count(query.filter());
        templates.answer(ctx, "bulk.jte", new Preview(new Page(action.equals("replay") ? "Replay DEAD events"
                : "Purge events", "events", ConsoleAccess.viewer(ctx)), query, action, count));
    }

    private static EventQuery replayable(EventQuery query) {
        if (!query.dead()) {
            throw PageError.badRequest("a bulk replay takes DEAD events: filter by status DEAD first");
        }
        return whole(query);
    }

    private static EventQuery purgeable(EventQuery query) {
        if (!query.purgeable()) {
            throw PageError.badRequest("a purge takes DEAD or DONE events: filter by one of those statuses first");
        }
        return whole(query);
    }

    /** The filter over the whole listing, not the page shown. */
    private static EventQuery whole(EventQuery query) {
        EventFilter filter = query.filter().fromNewest();
        if (filter.status().isEmpty() || filter.status().get() == EventStatus.PROCESSING) {
            throw new IllegalStateException("checked above: " + filter);
        }
        return new EventQuery(query.query(), filter);
    }
}
