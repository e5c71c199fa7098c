package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.Database;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaSummary;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /media}: every media, newest change first, by state or FileId or name, a page at a time. */
public final class MediaListPage {
    static final int PAGE_SIZE = 50;
    static final int POLL_SECONDS = 3;

    /** The page. */
    public record View(Page page, MediaQuery query, Live rows, Optional<String> olderUrl, boolean paged,
            List<MediaState> states) {
        public String firstUrl() {
            return "/media" + query.query();
        }
    }

    /** The listing's rows; {@code covers} by FileId, where one is known. */
    public record Rows(List<MediaSummary> media, Map<String, String> covers, Instant now, boolean filtered) {
        public Optional<String> cover(MediaSummary m) {
            return m.coverUrl().or(() -> Optional.ofNullable(covers.get(m.fileId())));
        }
    }

    private final Database database;
    private final Templates templates;
    private final Clock clock;

    public MediaListPage(Database database, Templates templates, Clock clock) {
        this.database = database;
        this.templates = templates;
        this.clock = clock;
    }

    /** {@code GET /media}. */
    public void list(Context ctx) {
        MediaQuery query = MediaQuery.of(ctx);
        List<MediaSummary> media = database.catalog().list(query.filter(), PAGE_SIZE);
        boolean paged = query.filter().after().isPresent();
        Optional<String> older = media.size() == PAGE_SIZE ? Optional.of("/media" + query.query().with("after",
                media.getLast().updatedAt().toEpochMilli() + ":" + media.getLast().fileId())) : Optional.empty();
        templates.answer(ctx, "media-list.jte", new View(new Page("Media", "media", ConsoleAccess.viewer(ctx)), query,
                rows(query, media, paged ? 0 : POLL_SECONDS), older, paged, List.of(MediaState.values())));
    }

    /** {@code GET /media/rows}: the first page's rows, for its poll. */
    public void rows(Context ctx) {
        MediaQuery query = MediaQuery.of(ctx);
        rows(query, database.catalog().list(query.filter(), PAGE_SIZE), POLL_SECONDS).answer(ctx, templates);
    }

    private Live rows(MediaQuery query, List<MediaSummary> media, int seconds) {
        List<String> withoutCover = media.stream().filter(m -> m.coverUrl().isEmpty()).map(MediaSummary::fileId).toList();
        String html = templates.render("media-rows.jte", new Rows(media, Covers.uploaded(database.inbox(), withoutCover),
                clock.instant(), !query.query().isEmpty()));
        return Live.of("media-rows", "/media/rows", query.query(), seconds, html);
    }
}
