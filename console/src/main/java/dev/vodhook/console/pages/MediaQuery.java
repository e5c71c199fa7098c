package dev.vodhook.console.pages;

import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Query;
import dev.vodhook.store.media.MediaFilter;
import dev.vodhook.store.media.MediaState;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The media listing's filter as the URL gives it: {@code state}, {@code q} (a FileId or part of a name) and
 * {@code after} (the page: {@code <last change in epoch ms>:<FileId>} of the last media of the previous page).
 */
public record MediaQuery(Query query, MediaFilter filter) {
    public static final List<String> FILTERS = List.of("state", "q");

    static MediaQuery of(Context ctx) {
        Query query = Query.of(ctx.queryParamMap(), FILTERS);
        MediaFilter filter = MediaFilter.all();
        String state = query.get("state");
        if (!state.isEmpty()) {
            try {
                filter = filter.withState(MediaState.valueOf(state.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw PageError.badRequest("state must be one of " + List.of(MediaState.values()) + ", got " + state);
            }
        }
        if (!query.get("q").isEmpty()) {
            filter = filter.withSearch(query.get("q"));
        }
        String after = ctx.queryParam("after");
        if (after != null && !after.isBlank()) {
            int colon = after.indexOf(':');
            try {
                filter = filter.withAfter(new MediaFilter.Position(
                        Instant.ofEpochMilli(Long.parseLong(after.substring(0, colon))), after.substring(colon + 1)));
            } catch (RuntimeException e) {
                throw PageError.badRequest("after must be <epoch ms>:<FileId>, got " + after);
            }
        }
        return new MediaQuery(query, filter);
    }
}
