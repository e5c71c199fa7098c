package dev.vodhook.console.pages;

import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.inbox.Inbox;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /events.csv} with the listing's filter: every matching event, newest first, without bodies or headers,
 * read a page at a time and written as it is read. A cell that a spreadsheet would take for a formula
 * ({@code = + - @}) starts with an apostrophe.
 */
public final class EventsCsv {
    static final int CHUNK = 1000;
    static final String HEADER = "id,received_at,source,event_type,format,status,attempts,next_attempt_at,processed_at,"
            + "file_id,task_id,dedupe_key,last_error\r\n";

    private final Inbox inbox;

    public EventsCsv(Inbox inbox) {
        this.inbox = inbox;
    }

    public void export(Context ctx) {
        EventQuery query = EventQuery.of(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"vodhook-events.csv\"");
        ctx.header("Cache-Control", "no-store");
        try {
            Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
            out.write(HEADER);
            var filter = query.filter();
            while (true) {
                List<EventSummary> chunk = inbox.list(filter, CHUNK);
                for (EventSummary e : chunk) {
                    row(out, e);
                }
                if (chunk.size() < CHUNK) {
                    break;
                }
                filter = filter.withBeforeId(chunk.getLast().id());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the CSV export failed", e);
        }
    }

    static void row(Writer out, EventSummary e) throws IOException {
        out.write(e.id() + "," + e.receivedAt() + "," + e.source() + "," + cell(e.eventType()) + "," + cell(e.format())
                + "," + e.status() + "," + e.attempts() + "," + e.nextAttemptAt() + "," + time(e.processedAt()) + ","
                + cell(e.fileId().orElse("")) + "," + cell(e.taskId().orElse("")) + "," + cell(e.dedupeKey()) + ","
                + cell(e.lastError().orElse("")) + "\r\n");
    }

    private static String time(Optional<Instant> at) {
        return at.map(Instant::toString).orElse("");
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
