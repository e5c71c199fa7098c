package dev.vodhook.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vodhook.service.notify.DeliveryMetrics;
import dev.vodhook.service.notify.NotificationDeliverer;
import dev.vodhook.service.notify.NotifyApi;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.WebhookSender;
import dev.vodhook.store.Database;
import dev.vodhook.store.Dialect;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running receiver: database, intake (callbacks and/or PullEvents loops, through one group
 * commit), processor, pruning and HTTP server. {@link #start} returns once it listens;
 * {@link #close} stops pulling (confirming what was committed), stops taking callbacks, commits
 * what is queued, lets the processor finish what it has in hand (or hands it back), then closes
 * the database.
 */
public final class VodhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VodhookServer.class);
    /** Group commits at once on PostgreSQL, which can overlap one transaction's commit with the next. */
    static final int POSTGRESQL_COMMITTERS = 2;

    private final ServiceConfig config;
    private final Database database;
    private final Processor processor;
    private final Reconciler reconciler;
    private final NotificationDeliverer deliverer;
    private final Javalin http;
    private final Intake intake;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The intake side: group commit, the pull loops when pulling, the pruning job. */
    private record Intake(GroupCommit commit, Optional<PullIntake> pull, PruneDoneEvents prune) {}

    private VodhookServer(ServiceConfig config, Database database, Processor processor, Reconciler reconciler,
            NotificationDeliverer deliverer, Javalin http, Intake intake) {
        this.config = config;
        this.database = database;
        this.processor = processor;
        this.reconciler = reconciler;
        this.deliverer = deliverer;
        this.http = http;
        this.intake = intake;
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
    public static VodhookServer start(ServiceConfig config, MediaProcessing vod, TaskDetails tasks) {
        long started = System.nanoTime();
        log.info("Starting vodhook receiver: {}", config.redacted());
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
            CallbackIntake callbacks = new CallbackIntake(commit, config.callbackToken(), config.maxBodyBytes(),
                    config.clock(), metrics, config.intake().mode().acceptsPush());
            Optional<PullIntake> pull = config.intake().mode().pulls()
                    ? Optional.of(new PullIntake(VodEventQueue.create(config), commit, config.intake().pullers(),
                            config.clock(), metrics, new SplittableRandom()))
                    : Optional.empty();
            Intake intake = new Intake(commit, pull, new PruneDoneEvents(database.inbox(),
                    config.intake().dedupeRetention(), config.intake().pruneInterval(), config.clock(), metrics));
            NotificationDeliverer deliverer = deliverer(config, database, metrics);
            OperatorApi api = new OperatorApi(database, metrics, config.clock(), processor::wake);
            NotifyApi notify = new NotifyApi(database.outbox(), config.clock(), deliverer::wake);
            Javalin http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                c.concurrency.useVirtualThreads = true;
                c.http.maxRequestSize = config.maxBodyBytes();
                c.http.compressionStrategy = CompressionStrategy.NONE; // small JSON answers; saves a wrapper per request
                c.jsonMapper(new JavalinJackson(jsonMapper(), true));
                VodhookRoutes.register(c.routes, callbacks, api, notify);
            });
            if (!config.intake().intakeOnly()) {
                processor.start(); // first: its first claim is done by the time callbacks come in
                reconciler.start();
                deliverer.start();
            }
            commit.start();
            try {
                http.start(config.bindHost(), config.port());
            } catch (RuntimeException e) {
                commit.close();
                reconciler.close();
                processor.close();
                deliverer.close();
                throw e;
            }
            pull.ifPresent(PullIntake::start);
            intake.prune().start();
            VodhookServer server = new VodhookServer(config, database, processor, reconciler, deliverer, http, intake);
            log.info("vodhook receiver listening on {} (intake {}; callbacks: POST {}/callback{}; API: {}/api; ready in"
                    + " {} ms){}", server.baseUrl(), config.intake().mode(), server.baseUrl(),
                    config.callbackToken().isPresent() ? "/<token>" : "",
                    server.baseUrl(), (System.nanoTime() - started) / 1_000_000,
                    isLoopback(config.bindHost())
                            ? "; loopback only: set host to 0.0.0.0 (--host 0.0.0.0) for VOD to reach it from the"
                                    + " network" : "");
            return server;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return http.port();
    }

    /** {@code http://host:port} with a host callers can use (loopback when bound to all interfaces). */
    public String baseUrl() {
        String host = config.bindHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "127.0.0.1";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
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
                new WebhookSender(config.notifications().timeout()), config.clock(), deliveries, new SplittableRandom());
        database.outbox().onNotified(deliverer::wake);
        return deliverer;
    }

    private static ObjectMapper jsonMapper() {
        return JsonMapper.builder().build();
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }
}
