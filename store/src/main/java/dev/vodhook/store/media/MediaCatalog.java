package dev.vodhook.store.media;

import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.Text;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Listing media for the console: newest change first, by state, by FileId or name, a page at a time (keyset
 * pagination over {@code media_updated} and {@code media_state}, so a page costs the same at the end as at the
 * start).
 */
public final class MediaCatalog {
    private static final String LIVE_OUTPUT = "o.file_id = m.file_id AND o.status = 'SUCCESS' AND o.deleted_at IS NULL";

    private final Storage storage;

    public MediaCatalog(Storage storage) {
        this.storage = storage;
    }

    /** Up to {@code limit} media matching the filter, newest change first (then FileId, descending). */
    public List<MediaSummary> list(MediaFilter filter, int limit) {
        List<String> conditions = new ArrayList<>();
        filter.state().ifPresent(s -> conditions.add("m.state = :state"));
        filter.search().ifPresent(s -> conditions.add("(m.file_id = :search OR LOWER(m.name) LIKE :pattern ESCAPE '!')"));
        filter.after().ifPresent(p -> conditions.add(
                "(m.updated_at < :afterUpdated OR (m.updated_at = :afterUpdated AND m.file_id < :afterFile))"));
        String sql = "SELECT m.file_id, m.name, m.state, m.created_at, m.updated_at, m.skip_reason,"
                + " (SELECT COUNT(*) FROM media_output o WHERE " + LIVE_OUTPUT + ") AS outputs,"
                + " (SELECT o.url FROM media_output o WHERE " + LIVE_OUTPUT + " AND o.kind = 'CoverBySnapshot'"
                + "   ORDER BY o.updated_at DESC LIMIT 1) AS cover_url"
                + " FROM media m" + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY m.updated_at DESC, m.file_id DESC LIMIT :limit";
        return storage.read("list media", h -> {
            var query = h.createQuery(sql).bind("limit", limit);
            filter.state().ifPresent(s -> query.bind("state", s.name()));
            filter.search().ifPresent(s -> query.bind("search", Text.storable(s))
                    .bind("pattern", "%" + likeEscaped(Text.storable(s).toLowerCase(Locale.ROOT)) + "%"));
            filter.after().ifPresent(p -> query.bind("afterUpdated", p.updatedAt().toEpochMilli())
                    .bind("afterFile", Text.storable(p.fileId())));
            return query.map((rs, ctx) -> new MediaSummary(
                            rs.getString("file_id"),
                            Optional.ofNullable(rs.getString("name")),
                            MediaState.valueOf(rs.getString("state")),
                            rs.getInt("outputs"),
                            Optional.ofNullable(rs.getString("cover_url")).filter(u -> !u.isEmpty()),
                            Instant.ofEpochMilli(rs.getLong("created_at")),
                            Instant.ofEpochMilli(rs.getLong("updated_at")),
                            Optional.ofNullable(rs.getString("skip_reason"))))
                    .list();
        });
    }

    /** How many media are in each state (states without media are left out). */
    public Map<MediaState, Long> countByState() {
        Map<MediaState, Long> counts = new EnumMap<>(MediaState.class);
        storage.read("count media", h -> h.createQuery("SELECT state, COUNT(*) AS n FROM media GROUP BY state")
                        .map((rs, ctx) -> Map.entry(MediaState.valueOf(rs.getString("state")), rs.getLong("n")))
                        .list())
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** {@code text} with LIKE's wildcards taken literally ({@code !} escapes). */
    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
