package dev.vodhook.console.pages;

import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Formats;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Query;
import dev.vodhook.console.web.Templates;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaView;
import dev.vodhook.store.media.OutputRecord;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /media/{fileId}}: a media's cover and metadata, its outputs (a player for each MP4, the playlist URL for
 * HLS) and its timeline; the state with the outputs and the timeline keep themselves up to date, each on its own,
 * so a video playing is not interrupted by a new timeline entry.
 */
public final class MediaPage {
    static final int POLL_SECONDS = 2;
    static final int TIMELINE_EVENTS = 500;

    /** The page; {@code media} is empty while only events about the FileId are known. */
    public record View(Page page, String fileId, Optional<MediaView> media, Optional<String> cover, Live outputs,
            Live timeline) {}

    /** The state and outputs region. */
    public record Outputs(String fileId, Optional<MediaView> media) {
        public List<OutputRecord> outputs() {
            return media.map(MediaView::outputs).orElse(List.of());
        }
    }

    /** The timeline region. */
    public record History(Timeline timeline, Instant now) {}

    private final Database database;
    private final Templates templates;
    private final Clock clock;
    private final String startedWith;

    /** @param startedWith what vodhook calls to start work on an upload: ProcessMedia or ProcessMediaByProcedure */
    public MediaPage(Database database, Templates templates, Clock clock, String startedWith) {
        this.database = database;
        this.templates = templates;
        this.clock = clock;
        this.startedWith = startedWith;
    }

    /** {@code GET /media/{fileId}}. */
    public void show(Context ctx) {
        String fileId = fileId(ctx);
        Optional<MediaView> media = database.media().findMedia(fileId);
        List<EventSummary> events = database.inbox().aboutFile(fileId, TIMELINE_EVENTS);
        if (media.isEmpty() && events.isEmpty()) {
            throw PageError.notFound("vodhook knows no media and no event with FileId " + fileId);
        }
        Optional<String> cover = media.flatMap(MediaPage::madeCover)
                .or(() -> Optional.ofNullable(Covers.uploaded(database.inbox(), List.of(fileId)).get(fileId)));
        templates.answer(ctx, "media.jte", new View(new Page(media.flatMap(MediaView::name).orElse(fileId), "media",
                ConsoleAccess.viewer(ctx)), fileId, media, cover, outputs(fileId, media), timeline(fileId, media, events)));
    }

    /** {@code GET /media/{fileId}/outputs}: the poll of its state and outputs. */
    public void outputs(Context ctx) {
        String fileId = fileId(ctx);
        outputs(fileId, database.media().findMedia(fileId)).answer(ctx, templates);
    }

    /** {@code GET /media/{fileId}/timeline}: the poll of its timeline. */
    public void timeline(Context ctx) {
        String fileId = fileId(ctx);
        timeline(fileId, database.media().findMedia(fileId), database.inbox().aboutFile(fileId, TIMELINE_EVENTS))
                .answer(ctx, templates);
    }

    private Live outputs(String fileId, Optional<MediaView> media) {
        return Live.of("media-outputs", path(fileId, "/outputs"), query(fileId), POLL_SECONDS,
                templates.render("media-outputs.jte", new Outputs(fileId, media)));
    }

    private Live timeline(String fileId, Optional<MediaView> media, List<EventSummary> events) {
        Timeline timeline = Timeline.of(media, events, events.size() == TIMELINE_EVENTS, startedWith);
        return Live.of("media-timeline", path(fileId, "/timeline"), query(fileId), POLL_SECONDS,
                templates.render("media-timeline.jte", new History(timeline, clock.instant())));
    }

    /** The FileId of {@code /media/{fileId}...}, or of {@code /media/_file...?id=} ({@link Formats#mediaUrl}). */
    private static String fileId(Context ctx) {
        String id = ctx.pathParamMap().containsKey("fileId") ? ctx.pathParam("fileId") : ctx.queryParam("id");
        if (id == null || id.isEmpty()) {
            throw PageError.badRequest("which media? /media/<FileId> or /media/_file?id=<FileId>");
        }
        return id;
    }

    private static String path(String fileId, String part) {
        return Formats.plainSegment(fileId) ? "/media/" + fileId + part : "/media/_file" + part;
    }

    private static Query query(String fileId) {
        return Formats.plainSegment(fileId) ? Query.empty() : Query.empty().with("id", fileId);
    }

    private static Optional<String> madeCover(MediaView media) {
        return media.outputs().stream()
                .filter(o -> o.kind().equals("CoverBySnapshot") && o.succeeded() && !o.deleted() && !o.url().isEmpty())
                .map(OutputRecord::url).reduce((a, b) -> b);
    }

    /** Whether a browser can play the output in a {@code <video>}: an MP4. */
    public static boolean playable(OutputRecord o) {
        String url = o.url().toLowerCase(Locale.ROOT);
        return o.succeeded() && !o.deleted() && (url.endsWith(".mp4") || url.contains(".mp4?"));
    }

    /** Whether the output is an HLS playlist. */
    public static boolean playlist(OutputRecord o) {
        String url = o.url().toLowerCase(Locale.ROOT);
        return url.endsWith(".m3u8") || url.contains(".m3u8?");
    }
}
