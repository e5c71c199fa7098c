package dev.vodhook.emulator.internal;

import static java.util.Map.entry;

import dev.vodhook.emulator.ApiCallJournal;
import dev.vodhook.emulator.DeliveryJournal;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.Faults;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiDispatcher;
import dev.vodhook.emulator.internal.api.RateLimiter;
import dev.vodhook.emulator.internal.api.SubApps;
import dev.vodhook.emulator.internal.api.Tc3Verifier;
import dev.vodhook.emulator.internal.api.actions.ApplyUploadAction;
import dev.vodhook.emulator.internal.api.actions.CommitUploadAction;
import dev.vodhook.emulator.internal.api.actions.ComposeMediaAction;
import dev.vodhook.emulator.internal.api.actions.ConfirmEventsAction;
import dev.vodhook.emulator.internal.api.actions.CreateProcedureTemplateAction;
import dev.vodhook.emulator.internal.api.actions.DeleteMediaAction;
import dev.vodhook.emulator.internal.api.actions.DescribeEventConfigAction;
import dev.vodhook.emulator.internal.api.actions.DescribeEventsStateAction;
import dev.vodhook.emulator.internal.api.actions.DescribeMediaInfosAction;
import dev.vodhook.emulator.internal.api.actions.DescribeProcedureTemplatesAction;
import dev.vodhook.emulator.internal.api.actions.DescribeTaskDetailAction;
import dev.vodhook.emulator.internal.api.actions.EditMediaAction;
import dev.vodhook.emulator.internal.api.actions.ModifyEventConfigAction;
import dev.vodhook.emulator.internal.api.actions.ProcessMediaAction;
import dev.vodhook.emulator.internal.api.actions.ProcessMediaByProcedureAction;
import dev.vodhook.emulator.internal.api.actions.PullEventsAction;
import dev.vodhook.emulator.internal.api.actions.PullUploadAction;
import dev.vodhook.emulator.internal.events.EventBus;
import dev.vodhook.emulator.internal.events.EventConfigRepository;
import dev.vodhook.emulator.internal.events.PullQueue;
import dev.vodhook.emulator.internal.events.PushDelivery;
import dev.vodhook.emulator.internal.events.PushLoop;
import dev.vodhook.emulator.internal.events.PushSchedule;
import dev.vodhook.emulator.internal.events.PushSender;
import dev.vodhook.emulator.internal.events.EmittedEvent;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.media.MediaComposer;
import dev.vodhook.emulator.internal.media.MediaCreator;
import dev.vodhook.emulator.internal.media.MediaFiles;
import dev.vodhook.emulator.internal.media.MediaIngest;
import dev.vodhook.emulator.internal.media.MediaPuller;
import dev.vodhook.emulator.internal.media.MediaRepository;
import dev.vodhook.emulator.internal.media.UrlFetcher;
import dev.vodhook.emulator.internal.processing.AdaptiveStreamingStep;
import dev.vodhook.emulator.internal.processing.AnimatedGraphicsStep;
import dev.vodhook.emulator.internal.processing.CoverStep;
import dev.vodhook.emulator.internal.processing.ImageSpriteStep;
import dev.vodhook.emulator.internal.processing.MediaEngine;
import dev.vodhook.emulator.internal.processing.MediaStep;
import dev.vodhook.emulator.internal.processing.ProcedureTemplateRepository;
import dev.vodhook.emulator.internal.processing.SampleSnapshotStep;
import dev.vodhook.emulator.internal.processing.SnapshotByTimeOffsetStep;
import dev.vodhook.emulator.internal.processing.StepFiles;
import dev.vodhook.emulator.internal.processing.TranscodeStep;
import dev.vodhook.emulator.internal.state.DataDirectoryLock;
import dev.vodhook.emulator.internal.state.SavedState;
import dev.vodhook.emulator.internal.state.StateChanges;
import dev.vodhook.emulator.internal.state.StateFile;
import dev.vodhook.emulator.internal.state.StateSaver;
import dev.vodhook.emulator.internal.storage.CosAccess;
import dev.vodhook.emulator.internal.storage.CosHandler;
import dev.vodhook.emulator.internal.storage.CosMultipart;
import dev.vodhook.emulator.internal.storage.FileServer;
import dev.vodhook.emulator.internal.storage.MultipartUploads;
import dev.vodhook.emulator.internal.storage.ObjectStore;
import dev.vodhook.emulator.internal.storage.PublicUrls;
import dev.vodhook.emulator.internal.storage.RequestRouter;
import dev.vodhook.emulator.internal.storage.StorageLayout;
import dev.vodhook.emulator.internal.storage.UploadSessionRepository;
import dev.vodhook.emulator.internal.tasks.ProcedureRunner;
import dev.vodhook.emulator.internal.tasks.ProcedureStarter;
import dev.vodhook.emulator.internal.tasks.ProcedureTask;
import dev.vodhook.emulator.internal.tasks.SingleTask;
import dev.vodhook.emulator.internal.tasks.SingleTaskRunner;
import dev.vodhook.emulator.internal.tasks.TaskRepository;
import dev.vodhook.emulator.internal.tasks.TaskState;
import dev.vodhook.emulator.internal.tasks.UsedSessionIds;
import dev.vodhook.emulator.internal.tasks.VodTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local VOD's parts, wired from one {@link EmulatorConfig}, a concept at a time: state, repositories, storage,
 * events, media processing and tasks, then what answers HTTP ({@link #apiActions()}, the table of VOD API actions,
 * and the storage requests; {@link EmulatorRoutes} has the routes). {@link LocalVod} puts an HTTP server in front
 * of it. With a data directory the state is read from its {@link StateFile} at start (task flows cut short by the
 * last stop run on; single tasks end with ErrCode 70000) and saved there by a {@link StateSaver} after every
 * change.
 */
public final class Emulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Emulator.class);

    private final EmulatorConfig config;
    private final Clock clock;
    private final IdSource ids = new IdSource();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Optional<DataDirectoryLock> dataLock;
    private final Optional<StateSaver> saver;
    private final MediaRepository media;
    private final TaskRepository tasks;
    private final UploadSessionRepository uploadSessions;
    private final MultipartUploads multipartUploads = new MultipartUploads();
    private final DeliveryJournal journal;
    private final ApiCallJournal calls = new ApiCallJournal();
    private final Faults faults = new Faults();
    private final ProcedureTemplateRepository procedureTemplates;
    private final RateLimiter rateLimiter;
    private final UsedSessionIds sessionIds;
    private final EventConfigRepository eventConfigs;
    private final ObjectStore store;
    private final boolean temporaryStore;
    private final PublicUrls urls;
    private final StorageLayout layout;
    private final PushSender pushSender;
    private final PushDelivery push;
    private final Optional<PushLoop> pushLoop;
    private final PullQueue pullQueue;
    private final EventBus bus;
    private final MediaEngine engine;
    private final ProcedureRunner runner;
    private final SingleTaskRunner singleTasks;
    private final UrlFetcher fetcher;
    private final ApiDispatcher apiDispatcher;
    private final RequestRouter requestRouter;

    public Emulator(EmulatorConfig config) {
        this.config = config;
        this.clock = config.clock();
        // state: the data directory, if any, and what it holds
        this.dataLock = config.dataDir().map(DataDirectoryLock::acquire);
        Optional<StateFile> stateFile = config.dataDir().map(StateFile::new);
        Optional<SavedState> saved = read(stateFile);
        this.saver = stateFile.map(StateSaver::new);
        StateChanges changes = saver.<StateChanges>map(s -> s).orElse(StateChanges.NONE);
        // repositories: what is saved
        this.media = new MediaRepository(changes);
        this.tasks = new TaskRepository(changes);
        this.uploadSessions = new UploadSessionRepository(changes);
        this.journal = new DeliveryJournal(changes);
        this.procedureTemplates = new ProcedureTemplateRepository(changes);
        this.sessionIds = new UsedSessionIds(config.sessionIdWindow(), clock, changes);
        this.eventConfigs = new EventConfigRepository(config.subAppId(), config.notificationUrl().orElse(""), changes);
        this.rateLimiter = new RateLimiter(config.rateLimits());
        // storage
        this.temporaryStore = config.dataDir().isEmpty();
        this.store = new ObjectStore(config.dataDir().map(d -> d.resolve("objects"))
                .orElseGet(Emulator::temporaryDirectory));
        this.urls = new PublicUrls(config.publicBaseUrl());
        this.layout = StorageLayout.create(config.appId(), ids);
        // events: pushed, or queued for PullEvents
        PushSchedule schedule = new PushSchedule();
        this.pushSender = new PushSender(config.pushTimeout(), clock, executor);
        this.push = new PushDelivery(journal, schedule, pushSender, config.pushRetry(), faults, clock, executor);
        faults.whenCleared(push::releaseHeld);
        this.pushLoop = config.pushLoop() ? Optional.of(PushLoop.start(push, schedule, clock)) : Optional.empty();
        this.pullQueue = new PullQueue(config.pullPolicy(), ids, clock, changes);
        this.bus = new EventBus(eventConfigs, List.of(push, pullQueue));
        // media processing and tasks
        this.engine = new MediaEngine(config.ffmpegPath(), config.ffmpegConcurrency(), config.upscale());
        this.runner = new ProcedureRunner(tasks, media, mediaSteps(), bus, ids, clock, executor);
        this.singleTasks = new SingleTaskRunner(tasks, bus, clock, executor);
        this.fetcher = new UrlFetcher(config.pullUpload().timeout());
        // HTTP: the VOD API and storage
        this.apiDispatcher = new ApiDispatcher(apiActions(),
                new Tc3Verifier(config.secretId(), config.secretKey(), uploadSessions, clock),
                new SubApps(config.appId(), config.subAppId()), ids, clock, rateLimiter, faults, calls);
        this.requestRouter = storageRequests();
        try {
            saved.ifPresent(this::restore);
            saver.ifPresent(s -> s.start(this::savedState));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The saved state, if there is one; a state that cannot be read lets go of the data directory. */
    private Optional<SavedState> read(Optional<StateFile> stateFile) {
        try {
            return stateFile.flatMap(StateFile::read);
        } catch (RuntimeException e) {
            dataLock.ifPresent(DataDirectoryLock::close);
            throw e;
        }
    }

    /** A task flow's steps, one per kind of sub-task. */
    private List<MediaStep> mediaSteps() {
        StepFiles files = new StepFiles(store, layout, urls, ids);
        return List.of(
                new TranscodeStep(engine, store, layout, urls, clock),
                new AnimatedGraphicsStep(engine, files, clock),
                new SnapshotByTimeOffsetStep(engine, files, clock),
                new SampleSnapshotStep(engine, files, clock),
                new ImageSpriteStep(engine, files, clock),
                new CoverStep(engine, store, layout, urls, ids, clock),
                new AdaptiveStreamingStep(engine, files, clock));
    }

    /**
     * The VOD API: every {@code X-TC-Action} the local VOD answers, and the action class that answers it. The
     * {@link ApiDispatcher} runs them once a call is signed, within its rate and past the injected faults.
     */
    private Map<String, ApiAction> apiActions() {
        MediaIngest ingest = new MediaIngest(media, store, engine, urls);
        ProcedureStarter procedures = new ProcedureStarter(procedureTemplates, runner);
        MediaCreator creator = new MediaCreator(store, layout, ids, ingest, procedures, config.region());
        MediaComposer composer = new MediaComposer(media, store, engine, creator, clock);
        MediaPuller puller = new MediaPuller(fetcher, creator, bus, config.pullUpload(), clock);
        return Map.ofEntries(
                // uploads
                entry("ApplyUpload", new ApplyUploadAction(uploadSessions, layout, ids, config.region(), procedures)),
                entry("CommitUpload", new CommitUploadAction(uploadSessions, media, ingest, procedures, bus, store)),
                entry("PullUpload",
                        new PullUploadAction(sessionIds, procedures, ids, singleTasks, puller, config.region())),
                // media
                entry("DescribeMediaInfos", new DescribeMediaInfosAction(media)),
                entry("DeleteMedia", new DeleteMediaAction(media, new MediaFiles(store, layout), bus)),
                entry("EditMedia", new EditMediaAction(media, sessionIds, procedures, ids, singleTasks, composer)),
                entry("ComposeMedia", new ComposeMediaAction(media, sessionIds, ids, singleTasks, composer)),
                // task flows and tasks
                entry("ProcessMedia", new ProcessMediaAction(media, sessionIds, runner)),
                entry("ProcessMediaByProcedure",
                        new ProcessMediaByProcedureAction(media, sessionIds, runner, procedureTemplates)),
                entry("CreateProcedureTemplate", new CreateProcedureTemplateAction(procedureTemplates)),
                entry("DescribeProcedureTemplates", new DescribeProcedureTemplatesAction(procedureTemplates)),
                entry("DescribeTaskDetail", new DescribeTaskDetailAction(tasks)),
                // events
                entry("ModifyEventConfig", new ModifyEventConfigAction(eventConfigs)),
                entry("DescribeEventConfig", new DescribeEventConfigAction(eventConfigs)),
                entry("PullEvents", new PullEventsAction(pullQueue, config.pullPolicy())),
                entry("ConfirmEvents", new ConfirmEventsAction(pullQueue)),
                entry("DescribeEventsState", new DescribeEventsStateAction(pullQueue)));
    }

    /** Storage requests (COS, direct or through the proxy) and downloads of stored objects. */
    private RequestRouter storageRequests() {
        FileServer files = new FileServer(store);
        CosHandler cos = new CosHandler(new CosAccess(uploadSessions, clock),
                new CosMultipart(multipartUploads, store, ids, clock), store, files, ids);
        return new RequestRouter(cos, files);
    }

    /** Tells the parts the server's address (for output URLs when no public base URL is configured). */
    public void serverListening(String baseUrl) {
        urls.serverListening(baseUrl);
        if (config.publicBaseUrl().isEmpty()) {
            media.all().stream().map(Media::mediaUrl).filter(u -> !u.isEmpty() && !u.startsWith(baseUrl + "/"))
                    .findFirst().ifPresent(stale -> log.warn("Restored media URLs point at another address ({}); this"
                            + " run listens on {}. Start with the same port (or a public base URL) to keep them valid",
                            stale, baseUrl));
        }
    }

    /** Forgets every media, task, upload, SessionId, event setting, delivery, stored file and rate count. */
    public void reset() {
        media.clear();
        tasks.clear();
        uploadSessions.clear();
        multipartUploads.clear();
        sessionIds.clear();
        eventConfigs.clear();
        bus.clear();
        store.clear();
        faults.clear();
        calls.clear();
        procedureTemplates.clear();
        rateLimiter.clear();
    }

    /** Everything to keep across a restart, now. */
    private SavedState savedState() {
        return new SavedState(StateFile.FORMAT, clock.instant(), media.all(), tasks.all(),
                uploadSessions.usable(clock.instant()), eventConfigs.configured(), procedureTemplates.customTemplates(),
                sessionIds.remembered(), pullQueue.snapshot(), push.snapshot());
    }

    private void restore(SavedState saved) {
        media.restore(saved.media());
        tasks.restore(saved.tasks());
        uploadSessions.restore(saved.uploadSessions());
        eventConfigs.restore(saved.eventConfigs());
        procedureTemplates.restore(saved.procedureTemplates());
        sessionIds.restore(saved.sessionIds());
        pullQueue.restore(saved.pullQueue());
        push.restore(saved.pushes());
        log.info("State of {} restored: {} media, {} task(s), {} queued event(s), {} unfinished push(es)",
                saved.savedAt(), saved.media().size(), saved.tasks().size(), saved.pullQueue().events().size(),
                saved.pushes().pending().size());
        for (VodTask task : tasks.all()) {
            if (task instanceof ProcedureTask flow && !ProcedureTask.FINISH.equals(flow.status())) {
                runner.resume(flow);
            } else if (task instanceof SingleTask<?> single && !TaskState.FINISH.equals(single.state().status())) {
                singleTasks.endInterrupted(single);
            }
        }
    }

    public Faults faults() {
        return faults;
    }

    /** Publishes an event as if an operation had produced it (event injection, {@code /_emulator/events}). */
    public void publish(EmittedEvent event) {
        bus.publish(event);
    }

    public EmulatorConfig config() {
        return config;
    }

    ApiDispatcher apiDispatcher() {
        return apiDispatcher;
    }

    RequestRouter requestRouter() {
        return requestRouter;
    }

    public DeliveryJournal journal() {
        return journal;
    }

    public ApiCallJournal calls() {
        return calls;
    }

    public PushDelivery pushes() {
        return push;
    }

    public PullQueue pullQueue() {
        return pullQueue;
    }

    public MediaRepository media() {
        return media;
    }

    public TaskRepository tasks() {
        return tasks;
    }

    public EventConfigRepository eventConfigs() {
        return eventConfigs;
    }

    /**
     * Stops background work (running ffmpeg jobs and pushes are interrupted; with a data directory they are taken up
     * again after a restart), saves the state, and deletes a temporary store.
     */
    @Override
    public void close() {
        pushLoop.ifPresent(PushLoop::close);
        executor.shutdownNow();
        awaitStopped();
        pushSender.close();
        fetcher.close();
        saver.ifPresent(StateSaver::close);
        dataLock.ifPresent(DataDirectoryLock::close);
        if (temporaryStore) {
            store.destroy();
        }
    }

    private void awaitStopped() {
        try {
            if (!executor.awaitTermination(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Background work did not stop within 5 s; saving the state anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("vodhook-local-vod-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for stored objects", e);
        }
    }
}
