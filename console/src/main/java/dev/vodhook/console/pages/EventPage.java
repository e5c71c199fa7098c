package dev.vodhook.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Query;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.ReplayResult;
import dev.vodhook.store.inbox.StoredEvent;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /events/{id}}: one event in full (its body pretty-printed, as text), its state (kept up to date) and the
 * media it concerns; {@code /events/{id}/replay} asks, then replays it.
 */
public final class EventPage {
    private static final Logger log = LoggerFactory.getLogger(EventPage.class);
    static final int POLL_SECONDS = 2;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /** The page. */
    public record View(Page page, StoredEvent event, String body, List<Map.Entry<String, String>> headers,
            boolean mediaKnown, Live state, Optional<String> notice) {}

    /** The event's state, the part of the page that changes. */
    public record State(StoredEvent event, Instant now, boolean canAct) {
        public boolean replayable() {
            return canAct && event.status() != EventStatus.PROCESSING;
        }
    }

    /** The replay confirmation. */
    public record Confirm(Page page, StoredEvent event) {}

    private final Database database;
    private final Templates templates;
    private final Clock clock;
    private final Runnable onReplay;

    public EventPage(Database database, Templates templates, Clock clock, Runnable onReplay) {
        this.database = database;
        this.templates = templates;
        this.clock = clock;
        this.onReplay = onReplay;
    }

    /** {@code GET /events/{id}}. */
    public void show(Context ctx) {
        StoredEvent event = event(ctx);
        boolean mediaKnown = event.fileId().flatMap(f -> database.media().findMedia(f)).isPresent();
        templates.answer(ctx, "event.jte", new View(new Page("Event " + event.id(), "events", ConsoleAccess.viewer(ctx)),
                event, pretty(event.body()), new TreeMap<>(event.headers()).entrySet().stream().toList(), mediaKnown,
                state(ctx, event), Notices.of(ctx)));
    }

    /** {@code GET /events/{id}/state}: the poll of its state. */
    public void state(Context ctx) {
        state(ctx, event(ctx)).answer(ctx, templates);
    }

    /** {@code GET /events/{id}/replay}: are you sure? */
    public void confirmReplay(Context ctx) {
        StoredEvent event = event(ctx);
        templates.answer(ctx, "replay-one.jte", new Confirm(new Page("Replay event " + event.id(), "events",
                ConsoleAccess.viewer(ctx)), event));
    }

    /** {@code POST /events/{id}/replay}. */
    public void replay(Context ctx) {
        long id = id(ctx);
        ReplayResult result = database.inbox().replay(id, clock.instant());
        switch (result) {
            case REPLAYED -> {
                log.info("Event {} replayed from the console by {}; it will be handled again now", id, ctx.ip());
                onReplay.run();
                ctx.redirect("/events/" + id + "?done=replayed-one", HttpStatus.SEE_OTHER);
            }
            case IN_PROGRESS -> ctx.redirect("/events/" + id + "?done=busy", HttpStatus.SEE_OTHER);
            case NOT_FOUND -> throw PageError.notFound("no event with id " + id);
        }
    }

    private Live state(Context ctx, StoredEvent event) {
        String html = templates.render("event-state.jte",
                new State(event, clock.instant(), ConsoleAccess.viewer(ctx).canAct()));
        return Live.of("event-state", "/events/" + event.id() + "/state", Query.empty(), POLL_SECONDS, html);
    }

    private StoredEvent event(Context ctx) {
        long id = id(ctx);
        return database.inbox().find(id).orElseThrow(() -> PageError.notFound("no event with id " + id));
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw PageError.notFound("no event with id " + ctx.pathParam("id"));
        }
    }

    /** The body indented when it is JSON, else as it came. */
    static String pretty(String body) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null ? body : JSON.writeValueAsString(tree);
        } catch (Exception e) {
            return body;
        }
    }
}
