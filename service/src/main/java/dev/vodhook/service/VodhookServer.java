package dev.vodhook.service;

import dev.vodhook.service.handlers.Handlers;
import dev.vodhook.service.handlers.MeteredMediaProcessing;
import dev.vodhook.service.http.AdminContext;
import dev.vodhook.service.http.AdminPages;
import dev.vodhook.service.http.HttpListener;
import dev.vodhook.service.http.OperatorAccess;
import dev.vodhook.service.http.OperatorApi;
import dev.vodhook.service.http.SetupProbes;
import dev.vodhook.service.http.VodhookRoutes.Listener;
import dev.vodhook.service.http.VodhookRoutes;
import dev.vodhook.service.intake.CallbackIntake;
import dev.vodhook.service.intake.CallbackSignatureCheck;
import dev.vodhook.service.intake.GroupCommit;
import dev.vodhook.service.intake.PullIntake;
import dev.vodhook.service.notify.DeliveryMetrics;
import dev.vodhook.service.notify.NotificationDeliverer;
import dev.vodhook.service.notify.NotifyApi;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.WebhookSender;
import dev.vodhook.service.processing.Processor;
import dev.vodhook.service.processing.PruneDoneEvents;
import dev.vodhook.service.reconcile.CheckQuietTask;
import dev.vodhook.service.reconcile.Reconciler;
import dev.vodhook.service.reconcile.VodTasks;
import dev.vodhook.service.vod.MediaProcessing;
import dev.vodhook.service.vod.VodApi;
import dev.vodhook.service.vod.VodEventQueue;
import dev.vodhook.store.Database;
import dev.vodhook.store.Dialect;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running receiver: database, intake (callbacks and/or PullEvents loops, through one group
 * commit), processor, pruning and two HTTP listeners: the public one takes callbacks, the admin one
 * serves the operator API and metrics (one listener does both when they share a loopback port).
 * {@link #start} returns once they listen;
 * {@link #close} stops pulling (confirming what was committed), stops taking callbacks, commits
 * what is queued, lets the processor finish what it has in hand (or hands it back), then closes
 * the database.
 */
public final class VodhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VodhookServer.class);
    /** Group commits at once on PostgreSQL, which can overlap one transaction's commit with the next. */
    static final int POSTGRESQL_COMMITTERS = 2;
    /** Operator requests carry small JSON filters at most. */
    static final int ADMIN_MAX_BODY_BYTES = 64 * 1024;

    private final ServiceConfig config;
    private final Database database;
    private final Processor processor;
    private final Reconciler reconciler;
    private final NotificationDeliverer deliverer;
    private final Javalin http;
    private final Optional<Javalin> adminHttp;
    private final Intake intake;
    private final AdminPages pages;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The intake side: group commit, the pull loops when pulling, the pruning job. */
    private record Intake(GroupCommit commit, Optional<PullIntake> pull, PruneDoneEvents prune) {}

    /** The HTTP side: the public listener, and the admin one unless the public one serves both. */
    private record Listeners(Javalin publicHttp, Optional<Javalin> adminHttp) {}

    private VodhookServer(ServiceConfig config, Database database, Processor processor, Reconciler reconciler,
            NotificationDeliverer deliverer, Listeners listeners, Intake intake, AdminPages pages) {
        this.config = config;
        this.database = database;
        this.processor = processor;
        this.reconciler = reconciler;
        this.deliverer = deliverer;
        this.http = listeners.publicHttp();
        this.adminHttp = listeners.adminHttp();
        this.intake = intake;
        this.pages = pages;
    }

    /** Starts the receiver, calling VOD through the official SDK ({@link VodApi}). */
    public static VodhookServer start(ServiceConfig config) {
        VodApi vod = VodApi.create(config);
        return start(config, vod, vod);
    }

    /**
     * Starts the receiver with the given way of starting processing (tests pass a fake); the reconciler asks
     * about tasks through {@link VodApi}.
     */
    public static VodhookServer start(ServiceConfig config, MediaProcessing vod) {
        return start(config, vod, VodApi.create(config));
    }

    /** Starts the receiver with the given ways of starting processing and of asking VOD about tasks. */
    public static VodhookServer start(ServiceConfig config, MediaProcessing vod, VodTasks tasks) {
        return start(config, vod, tasks, AdminPages.NONE);
    }

    /** Starts the receiver calling VOD through the official SDK, its admin listener serving {@code pages} too. */
    public static VodhookServer start(ServiceConfig config, AdminPages pages) {
        VodApi vod = VodApi.create(config);
        return start(config, vod, vod, pages);
    }

    /**
     * Starts the receiver with the given ways of starting processing and of asking VOD about tasks, its admin
     * listener serving {@code pages} (the console) beside the operator API; they are closed with it.
     */
    public static VodhookServer start(ServiceConfig config, MediaProcessing vod, VodTasks tasks, AdminPages pages) {
        long started = System.nanoTime();
        Instant startedAt = config.clock().instant();
        config.checkExposure();
        if (log.isInfoEnabled()) { // the settings' text is a few hundredths of a second of a start
            log.info("Starting vodhook receiver: {}", config.redacted());
        }
        Database database = Database.open(config.databaseUrl());
        try {
            ServiceMetrics metrics = new ServiceMetrics();
            MediaProcessing metered = new MeteredMediaProcessing(vod, metrics);
            Handlers handlers = Handlers.forConfig(config, database.media(), metered);
            Processor processor = new Processor(database.inbox(), handlers, config.retry(), config.worker(),
                    config.clock(), metrics, new SplittableRandom());
            Reconciler reconciler = new Reconciler(database.media(), new CheckQuietTask(database.media(),
                    database.inbox(), tasks, metrics, processor::wake), config.processing(), config.clock(), metrics);
            GroupCommit commit = new GroupCommit(database.inbox(), config.intake(),
                    database.dialect() == Dialect.POSTGRESQL ? POSTGRESQL_COMMITTERS : 1, metrics, processor::wake);
            SetupProbes probes = new SetupProbes(config.clock());
            CallbackIntake callbacks = new CallbackIntake(commit, config.callbackToken(),
                    new CallbackSignatureCheck(config.signature(), config.clock()), config.maxBodyBytes(),
                    config.limits().readTimeout(), config.clock(), metrics, config.intake().mode().acceptsPush(),
                    probes);
            Optional<PullIntake> pull = config.intake().mode().pulls()
                    ? Optional.of(new PullIntake(VodEventQueue.create(config), commit, config.intake().pullers(),
                            config.clock(), metrics, new SplittableRandom()))
                    : Optional.empty();
            Intake intake = new Intake(commit, pull, new PruneDoneEvents(database.inbox(), database.outbox(),
                    config.intake().dedupeRetention(), config.intake().pruneInterval(), config.clock(), metrics));
            NotificationDeliverer deliverer = deliverer(config, database, metrics);
            OperatorApi api = new OperatorApi(database, metrics, config.clock(), processor::wake);
            NotifyApi notify = new NotifyApi(database.outbox(), config.clock(), deliverer::wake);
            AdminContext admin = new AdminContext(config, database, metrics, processor::wake, deliverer::wake,
                    startedAt);
            Listeners listeners = listeners(config, callbacks, api, notify, probes, metrics,
                    routes -> pages.register(routes, admin));
            if (!config.intake().intakeOnly()) {
                processor.start(); // first: its first claim is done by the time callbacks come in
                reconciler.start();
                deliverer.start();
            }
            commit.start();
            try {
                listeners.publicHttp().start();
                try {
                    listeners.adminHttp().ifPresent(Javalin::start);
                } catch (RuntimeException e) {
                    listeners.publicHttp().stop();
                    throw e;
                }
            } catch (RuntimeException e) {
                commit.close();
                reconciler.close();
                processor.close();
                deliverer.close();
                throw e;
            }
            pull.ifPresent(PullIntake::start);
            intake.prune().start();
            VodhookServer server = new VodhookServer(config, database, processor, reconciler, deliverer, listeners,
                    intake, pages);
            log.info("vodhook receiver listening: callbacks POST {}/callback{} (intake {}{}), operator API {}/api{}"
                    + " (ready in {} ms){}", server.baseUrl(), config.callbackToken().isPresent() ? "/<token>" : "",
                    config.intake().mode(), config.signature().required() ? ", signed by VOD" : "", server.adminUrl(),
                    config.admin().token().isPresent() ? " behind a token" : "",
                    (System.nanoTime() - started) / 1_000_000,
                    ServiceConfig.isLoopback(config.bindHost())
                            ? "; loopback only: set host to 0.0.0.0 (--host 0.0.0.0) for VOD to reach it from"
                                    + " the network" : "");
            return server;
        } catch (RuntimeException e) {
            pages.close();
            database.close();
            throw e;
        }
    }

    /**
     * The outbox's endpoints made the configured ones, and a deliverer for them, woken by every committed
     * notification; its meters refreshed at each scrape.
     */
    private static NotificationDeliverer deliverer(ServiceConfig config, Database database, ServiceMetrics metrics) {
        database.outbox().configure(config.notifications().endpoints().stream().map(NotifyEndpoint::spec).toList(),
                config.subAppId(), config.clock().instant());
        DeliveryMetrics deliveries = new DeliveryMetrics(metrics.registry());
        metrics.beforeScrape(() -> deliveries.refresh(database.outbox().log().countByStatus(),
                database.outbox().log().oldestOpenAt(), config.clock().instant()));
        NotificationDeliverer deliverer = new NotificationDeliverer(database.outbox(), config.notifications(),
                new WebhookSender(config.notifications().timeout()), config.clock(), deliveries,
                        new SplittableRandom());
        database.outbox().onNotified(deliverer::wake);
        return deliverer;
    }

    /** @param pages adds the admin pages' routes (the console) to the listener that serves the operator API */
    private static Listeners listeners(ServiceConfig config, CallbackIntake callbacks, OperatorApi api,
            NotifyApi notify, SetupProbes probes, ServiceMetrics metrics, Consumer<RoutesConfig> pages) {
        OperatorAccess access = new OperatorAccess(config.admin());
        OptionalInt callbackLimit = OptionalInt.of(config.limits().maxConcurrentCallbacks());
        if (config.sharedListener()) {
            return new Listeners(HttpListener.create(config.bindHost(), config.port(), config.limits(),
                    config.maxBodyBytes(), callbackLimit, metrics,
                    routes -> {
                        VodhookRoutes.register(routes, Listener.BOTH, callbacks, api, notify, probes, access);
                        pages.accept(routes);
                    }), Optional.empty());
        }
        Javalin publicHttp = HttpListener.create(config.bindHost(), config.port(), config.limits(),
                config.maxBodyBytes(), callbackLimit, metrics,
                routes -> VodhookRoutes.register(routes, Listener.PUBLIC, callbacks, api, notify, probes, access));
        Javalin adminHttp = HttpListener.create(config.admin().host(), config.admin().port(), config.limits(),
                ADMIN_MAX_BODY_BYTES, OptionalInt.empty(), metrics,
                routes -> {
                    VodhookRoutes.register(routes, Listener.ADMIN, callbacks, api, notify, probes, access);
                    pages.accept(routes);
                });
        return new Listeners(publicHttp, Optional.of(adminHttp));
    }

    /** The public port it listens on (the chosen one when configured with 0). */
    public int port() {
        return http.port();
    }

    /** The admin port it listens on: the public one when they share it. */
    public int adminPort() {
        return adminHttp.orElse(http).port();
    }

    /**
     * The public listener, {@code http://host:port}, with a host callers can use (loopback when bound to all
     * interfaces).
     */
    public String baseUrl() {
        return url(config.bindHost(), port());
    }

    /** The admin listener ({@code /api}, {@code /metrics}), like {@link #baseUrl()}. */
    public String adminUrl() {
        return url(config.admin().host(), adminPort());
    }

    private static String url(String host, int port) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port;
    }

    /** The group commit that push and pull intake append through. */
    public GroupCommit groupCommit() {
        return intake.commit();
    }

    /** The pull loops, when intake pulls. */
    public Optional<PullIntake> pullIntake() {
        return intake.pull();
    }

    /** The processor, so that tests can step it with {@link Processor#runOnce()}. */
    public Processor processor() {
        return processor;
    }

    /** The notification deliverer, so that tests can step it with {@link NotificationDeliverer#runOnce()}. */
    public NotificationDeliverer deliverer() {
        return deliverer;
    }

    /** The reconciler, so that tests can step it with {@link Reconciler#runOnce()}. */
    public Reconciler reconciler() {
        return reconciler;
    }

    /** The open database, for tests and tools that read what the receiver stored. */
    public Database database() {
        return database;
    }

    public ServiceConfig config() {
        return config;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("Stopping vodhook receiver on {}", baseUrl());
        try {
            intake.pull().ifPresent(PullIntake::close);
            http.stop();
            adminHttp.ifPresent(Javalin::stop);
            pages.close();
            intake.prune().close();
            intake.commit().close();
        } finally {
            try {
                reconciler.close();
                processor.close();
                deliverer.close();
            } finally {
                database.close();
            }
        }
        log.info("vodhook receiver stopped");
    }

}
