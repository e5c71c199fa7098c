package dev.vodhook.console.pages;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.web.Headers;
import dev.vodhook.console.web.Live;
import dev.vodhook.console.web.Query;
import dev.vodhook.console.web.Templates;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.http.AdminContext;
import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.inbox.MinuteCount;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /}: what this receiver is (intake, VOD, database, version, uptime), what went through it in the last
 * hour, its inbox and media now, the latest failures, and charts per minute ({@code /overview/series.json}).
 */
public final class OverviewPage {
    static final int POLL_SECONDS = 5;
    static final int FAILURES = 10;
    /** The chart windows offered, in minutes. */
    static final List<Integer> WINDOWS = List.of(60, 360, 1440);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** About this receiver. */
    public record Info(String intake, String sources, String vodEndpoint, String subAppId, String database,
            String version, Duration uptime) {}

    /** The page. */
    public record View(Page page, Info info, Live counts, List<Integer> windows) {}

    /** The counts region: the last hour, now, and the latest failures. */
    public record Counts(Map<String, Long> received, long done, long dead, MeterSampler.Change meters,
            Map<EventStatus, Long> inbox, Map<MediaState, Long> media, List<EventSummary> failures, Instant now) {
        public long receivedTotal() {
            return received.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Failed handler runs that will be retried. */
        public long retried() {
            return meters.of("handled").getOrDefault("retry", 0L);
        }
    }

    private final ServiceConfig config;
    private final Database database;
    private final Templates templates;
    private final Clock clock;
    private final Instant startedAt;
    private final MeterSampler sampler;

    public OverviewPage(AdminContext context, Templates templates, MeterSampler sampler) {
        this.config = context.config();
        this.database = context.database();
        this.templates = templates;
        this.clock = context.config().clock();
        this.startedAt = context.startedAt();
        this.sampler = sampler;
    }

    /** {@code GET /}. */
    public void show(Context ctx) {
        templates.answer(ctx, "overview.jte", new View(new Page("Overview", "overview", ConsoleAccess.viewer(ctx)),
                info(), counts(), WINDOWS));
    }

    /** {@code GET /overview/counts}: the poll of the counts. */
    public void countsRegion(Context ctx) {
        counts().answer(ctx, templates);
    }

    /**
     * {@code GET /overview/series.json?minutes=60}: one value per minute, oldest first: {@code t} (epoch seconds),
     * events received by source ({@code push}, {@code pull}, {@code reconcile}), handled ({@code done}), given up
     * ({@code dead}) and failed runs to be retried ({@code retried}, this receiver since it started).
     */
    public void series(Context ctx) {
        int minutes = WINDOWS.contains(parse(ctx.queryParam("minutes"))) ? parse(ctx.queryParam("minutes")) : 60;
        Instant now = clock.instant();
        Instant first = MeterSampler.minute(now).minus(Duration.ofMinutes(minutes - 1L));
        Map<String, long[]> series = new LinkedHashMap<>();
        for (String name : List.of("push", "pull", "reconcile", "done", "dead", "retried")) {
            series.put(name, new long[minutes]);
        }
        for (MinuteCount c : database.activity().receivedPerMinute(first)) {
            add(series.get(c.key().toLowerCase(java.util.Locale.ROOT)), first, c.minute(), c.count());
        }
        for (MinuteCount c : database.activity().finishedPerMinute(first)) {
            add(series.get(c.key().toLowerCase(java.util.Locale.ROOT)), first, c.minute(), c.count());
        }
        sampler.perMinute("handled", "retry", first).forEach((minute, n) -> add(series.get("retried"), first, minute, n));
        long[] t = new long[minutes];
        for (int i = 0; i < minutes; i++) {
            t[i] = first.plus(Duration.ofMinutes(i)).getEpochSecond();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("t", t);
        body.putAll(series);
        Headers.page(ctx);
        try {
            ctx.contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("numbers always serialise", e);
        }
    }

    private static void add(long[] series, Instant first, Instant minute, long count) {
        if (series == null) {
            return;
        }
        long i = Duration.between(first, minute).toMinutes();
        if (i >= 0 && i < series.length) {
            series[(int) i] += count;
        }
    }

    private Live counts() {
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        Map<String, Long> received = new TreeMap<>();
        database.activity().receivedPerMinute(hourAgo).forEach(c -> received.merge(c.key(), c.count(), Long::sum));
        long done = 0;
        long dead = 0;
        for (MinuteCount c : database.activity().finishedPerMinute(hourAgo)) {
            if (c.key().equals("DONE")) {
                done += c.count();
            } else {
                dead += c.count();
            }
        }
        Counts counts = new Counts(received, done, dead, sampler.since(hourAgo), database.inbox().countByStatus(),
                database.catalog().countByState(), database.activity().latestFailures(FAILURES), now);
        return Live.of("overview-counts", "/overview/counts", Query.empty(), POLL_SECONDS,
                templates.render("overview-counts.jte", counts));
    }

    private Info info() {
        List<String> sources = new ArrayList<>();
        if (config.intake().mode().acceptsPush()) {
            sources.add("PUSH: VOD posts to /callback" + (config.callbackToken().isPresent() ? "/<token>" : ""));
        }
        if (config.intake().mode().pulls()) {
            sources.add("PULL: " + config.intake().pullers() + " PullEvents loop(s)");
        }
        sources.add("RECONCILE: DescribeTaskDetail for quiet tasks");
        String version = Optional.ofNullable(OverviewPage.class.getPackage().getImplementationVersion())
                .orElse("(development build)");
        return new Info(config.intake().mode().toString(), String.join("; ", sources), config.vodEndpoint().toString(),
                config.subAppId().map(String::valueOf).orElse("(the account's main application)"),
                database.dialect() + " " + database.displayUrl(), version, Duration.between(startedAt, clock.instant()));
    }

    private static int parse(String text) {
        try {
            return text == null ? 60 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 60;
        }
    }
}
