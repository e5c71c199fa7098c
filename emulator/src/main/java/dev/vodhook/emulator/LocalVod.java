package dev.vodhook.emulator;

import dev.vodhook.emulator.internal.Emulator;
import dev.vodhook.emulator.internal.EmulatorRoutes;
import dev.vodhook.emulator.internal.api.VodJson;
import dev.vodhook.emulator.internal.control.EventRoutes;
import dev.vodhook.emulator.internal.control.InspectionRoutes;
import dev.vodhook.emulator.internal.events.EmittedEvent;
import dev.vodhook.emulator.internal.media.Media;
import io.javalin.Javalin;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local VOD, running: an HTTP server that the official Tencent Cloud SDKs can be pointed at (see the
 * module README). Start with {@link #start(EmulatorConfig)}, stop with {@link #close()}.
 */
public final class LocalVod implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalVod.class);

    private final Emulator emulator;
    private final Javalin server;

    private LocalVod(Emulator emulator, Javalin server) {
        this.emulator = emulator;
        this.server = server;
    }

    /**
     * Starts the emulator and returns once it listens.
     *
     * @throws EmulatorException for a host other than loopback without {@link EmulatorConfig#allowRemote()}
     */
    public static LocalVod start(EmulatorConfig config) {
        if (!config.allowRemote() && !config.loopbackOnly()) {
            throw new EmulatorException("the local VOD will not listen on " + config.host() + ": its /_emulator/ routes"
                    + " (faults, reset, state) are unauthenticated, so only this machine may reach them; listen on"
                    + " 127.0.0.1, or allow it explicitly (--allow-remote, EmulatorConfig.withAllowRemote)");
        }
        Emulator emulator = new Emulator(config);
        Javalin server;
        try {
            server = Javalin.create(c -> {
                c.jetty.host = config.host();
                c.jetty.port = config.port();
                EmulatorRoutes.configure(c, emulator);
            }).start();
        } catch (RuntimeException e) {
            emulator.close();
            throw new EmulatorException("the local VOD could not listen on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        LocalVod vod = new LocalVod(emulator, server);
        emulator.serverListening(vod.baseUrl());
        log.info("Local VOD listening on {} (AppId {}, SubAppId {}; {}/_emulator/ routes are unauthenticated{}); config"
                + " {}", vod.baseUrl(), config.appId(), config.subAppId(), vod.baseUrl(),
                config.loopbackOnly() ? ", this machine only" : ", and open to the network", config);
        return vod;
    }

    public int port() {
        return server.port();
    }


    /** {@code host:port}, what {@code HttpProfile.setEndpoint} takes. */
    public String endpoint() {
        return emulator.config().host() + ":" + port();
    }

    /** {@code http://host:port}. */
    public String baseUrl() {
        return "http://" + endpoint();
    }

    public EmulatorConfig config() {
        return emulator.config();
    }

    /** Every push delivery and its attempts. */
    public DeliveryJournal deliveries() {
        return emulator.journal();
    }

    /**
     * The latest API calls: action, arrival time, RequestId, the error answered (like {@code GET /_emulator/calls}).
     */
    public ApiCallJournal apiCalls() {
        return emulator.calls();
    }

    /**
     * Makes every push attempt that is due by the configured clock (first tries and retries) and returns once they
     * are recorded in {@link #deliveries()}; how many there were. With {@code withPushLoop(false)} nothing is pushed
     * otherwise, so a test can fail the receiver, move a settable clock, step, and look.
     */
    public int runDuePushes() {
        return emulator.pushes().runDue();
    }

    /**
     * Makes the default application push to this emulator's own {@code /_emulator/callback}, which answers 200 to
     * everything, as long as no NotificationUrl is set for it (configured or by ModifyEventConfig): every event
     * then shows up in {@link #deliveries()} as delivered. For tests that look at events without a receiver.
     */
    public void pushToOwnCallback() {
        if (config().notificationUrl().isEmpty()) {
            emulator.eventConfigs().defaultNotificationUrl(baseUrl() + InspectionRoutes.CALLBACK);
        }
    }

    /** Faults to inject into the next API calls and push attempts, like {@code POST /_emulator/faults}. */
    public Faults faults() {
        return emulator.faults();
    }

    /**
     * Publishes events as if the emulator had produced them, like {@code POST /_emulator/events}: {@code json} is
     * one {@code EventContent} object (a push body) or an array of them, for the configured SubAppId. Each is pushed
     * or queued for PullEvents by the application's event config; returns how many were published.
     */
    public int publishEvents(String json) {
        try {
            List<EmittedEvent> events = EventRoutes.events(VodJson.API.readTree(json), emulator.config().subAppId());
            events.forEach(emulator::publish);
            return events.size();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * How many PullEvents calls are held right now, waiting for an event to arrive: a test hook, so that a test can
     * publish only once a pull waits, whatever the machine's speed.
     */
    int heldPulls() {
        return emulator.pullQueue().held();
    }

    /** The FileIds of every media, oldest first. */
    public List<String> fileIds() {
        return emulator.media().all().stream().map(Media::fileId).toList();
    }

    /** Forgets all state and stored files, like {@code POST /_emulator/reset}. */
    public void reset() {
        emulator.reset();
    }

    @Override
    public void close() {
        int port = port();
        server.stop();
        emulator.close();
        log.info("Local VOD on port {} stopped", port);
    }
}
