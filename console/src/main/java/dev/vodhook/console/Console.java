package dev.vodhook.console;

import dev.vodhook.console.access.ConsoleAccess.Need;
import dev.vodhook.console.access.ConsoleAccess;
import dev.vodhook.console.access.LoginPage;
import dev.vodhook.console.access.Sessions;
import dev.vodhook.console.access.Tokens;
import dev.vodhook.console.pages.BulkActions;
import dev.vodhook.console.pages.EventPage;
import dev.vodhook.console.pages.EventsCsv;
import dev.vodhook.console.pages.EventsPage;
import dev.vodhook.console.pages.MediaListPage;
import dev.vodhook.console.pages.MediaPage;
import dev.vodhook.console.pages.MeterSampler;
import dev.vodhook.console.pages.OverviewPage;
import dev.vodhook.console.web.Assets;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Templates;
import dev.vodhook.service.http.AdminContext;
import dev.vodhook.service.http.AdminPages;
import dev.vodhook.service.processing.UploadAction;
import dev.vodhook.store.Database;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console, served by the admin listener at {@code /}: overview, events, an event, media, a media,
 * with replay and purge; server-rendered, readable without JavaScript, kept up to date by htmx where it runs.
 * Who may see and do what is {@link ConsoleAccess}'s.
 */
public final class Console implements AdminPages {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final Function<AdminContext, Tokens> tokens;
    private ScheduledExecutorService sampling;

    private Console(Function<AdminContext, Tokens> tokens) {
        this.tokens = tokens;
    }

    /** The console behind the admin listener's tokens ({@code admin-token}, {@code read-token}). */
    public static Console create() {
        return new Console(context -> new Tokens(context.config().admin().token(), context.config().admin().readToken()));
    }

    /** The console behind the given tokens, whatever the admin listener's are. */
    public static Console withTokens(Tokens tokens) {
        return new Console(context -> tokens);
    }

    @Override
    public synchronized void register(RoutesConfig routes, AdminContext context) {
        Database database = context.database();
        Clock clock = context.config().clock();
        Templates templates = new Templates();
        ConsoleAccess access = new ConsoleAccess(tokens.apply(context), new Sessions(clock));
        MeterSampler sampler = new MeterSampler(context.metrics(), clock, context.startedAt());
        startSampling(sampler);
        String startedWith = context.config().processing().onUpload() == UploadAction.PROCEDURE
                ? "ProcessMediaByProcedure" : "ProcessMedia";

        OverviewPage overview = new OverviewPage(context, templates, sampler);
        EventsPage events = new EventsPage(database.inbox(), templates, clock);
        EventsCsv csv = new EventsCsv(database.inbox());
        EventPage event = new EventPage(database, templates, clock, context.wakeProcessor());
        BulkActions bulk = new BulkActions(database.inbox(), templates, clock, context.wakeProcessor());
        MediaListPage mediaList = new MediaListPage(database, templates, clock);
        MediaPage media = new MediaPage(database, templates, clock, startedWith);
        LoginPage login = new LoginPage(access, templates);
        Assets assets = Assets.load();

        routes.beforeMatched(access::check);
        routes.get("/", overview::show, Need.VIEW);
        routes.get("/overview/counts", overview::countsRegion, Need.VIEW);
        routes.get("/overview/series.json", overview::series, Need.VIEW);
        routes.get("/events", events::list, Need.VIEW);
        routes.get("/events/rows", events::rows, Need.VIEW);
        routes.get("/events.csv", csv::export, Need.VIEW);
        routes.get("/events/replay", bulk::previewReplay, Need.VIEW);
        routes.post("/events/replay", bulk::replay, Need.ACT);
        routes.get("/events/purge", bulk::previewPurge, Need.VIEW);
        routes.post("/events/purge", bulk::purge, Need.ACT);
        routes.get("/events/{id}", event::show, Need.VIEW);
        routes.get("/events/{id}/state", event::state, Need.VIEW);
        routes.get("/events/{id}/replay", event::confirmReplay, Need.VIEW);
        routes.post("/events/{id}/replay", event::replay, Need.ACT);
        routes.get("/media", mediaList::list, Need.VIEW);
        routes.get("/media/rows", mediaList::rows, Need.VIEW);
        routes.get("/media/_file", media::show, Need.VIEW);
        routes.get("/media/_file/outputs", media::outputs, Need.VIEW);
        routes.get("/media/_file/timeline", media::timeline, Need.VIEW);
        routes.get("/media/{fileId}", media::show, Need.VIEW);
        routes.get("/media/{fileId}/outputs", media::outputs, Need.VIEW);
        routes.get("/media/{fileId}/timeline", media::timeline, Need.VIEW);
        routes.get("/login", login::form, Need.LOGIN);
        routes.post("/login", login::signIn, Need.LOGIN);
        routes.post("/logout", login::signOut, Need.VIEW);
        routes.get("/assets/{name}", assets::serve);
        routes.exception(PageError.class, (e, ctx) -> ErrorPage.answer(ctx, templates, e));
    }

    private void startSampling(MeterSampler sampler) {
        if (sampling != null) {
            sampling.shutdownNow();
        }
        sampling = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vodhook-console-meters");
            t.setDaemon(true);
            return t;
        });
        sampler.runOnce();
        sampling.scheduleAtFixedRate(() -> {
            try {
                sampler.runOnce();
            } catch (RuntimeException e) {
                log.warn("Console could not sample the receiver's meters: {}; it tries again in a minute", e.toString());
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() {
        Optional.ofNullable(sampling).ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
