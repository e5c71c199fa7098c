package dev.vodhook.service;

import dev.vodhook.service.http.AdminSettings;
import dev.vodhook.service.http.HttpLimits;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.intake.SignatureSettings;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.processing.WorkerSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the receiver needs, immutable, with named defaults ({@link #defaults()}). The CLI
 * fills it from the config file, then the environment, then flags.
 *
 * @param port                        the public listener's port (callbacks and {@code /healthz} only);
 *                                    0 picks a free one
 * @param bindHost                    the interface the public listener is on. Default {@code 127.0.0.1};
 *                                    set {@code 0.0.0.0} (with a callback token and/or a sign key, behind
 *                                    HTTPS) for VOD to reach it from the internet
 * @param vodEndpoint                 where VOD's API is: {@code https://vod.tencentcloudapi.com}
 *                                    or a local VOD such as {@code http://127.0.0.1:9000}
 * @param secretId                    API key id; may be empty when nothing calls VOD
 * @param secretKey                   API key secret; never printed
 * @param region                      sent as X-TC-Region
 * @param subAppId                    VOD application, sent with every call when present
 * @param definitions                 transcode templates for new uploads
 * @param transcodeWhenProcedureNamed also transcode uploads that already started a task flow
 *                                    (a non-empty ProcedureTaskId); off by default
 * @param databaseUrl                 {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://...}
 * @param callbackToken               when present, pushes are accepted only on
 *                                    {@code POST /callback/<token>}
 * @param worker                      how the processor takes work
 * @param retry                       how failing events are retried
 * @param maxBodyBytes                larger callback bodies get 413
 * @param vodTimeout                  read/write timeout of VOD API calls (connect: at most 5 s)
 * @param clock                       the time source of everything time-dependent
 * @param processing                  what an upload starts ({@code on-upload}, {@code procedure}) and the
 *                                    reconciler's pace ({@code reconcile-after}, {@code reconcile-every})
 * @param intake                      push, pull or both; group commit; dedupe retention
 * @param admin                       the admin listener (operator API, metrics) and its tokens
 * @param signature                   the SignKey(s) callbacks must be signed with, if any
 * @param limits                      header size, timeouts and concurrency of the listeners
 * @param notifications               vodhook's own notifications: the application's endpoints, retries
 */
public record ServiceConfig(
        int port,
        String bindHost,
        URI vodEndpoint,
        String secretId,
        String secretKey,
        String region,
        Optional<Long> subAppId,
        List<Integer> definitions,
        boolean transcodeWhenProcedureNamed,
        String databaseUrl,
        Optional<String> callbackToken,
        WorkerSettings worker,
        RetryPolicy retry,
        int maxBodyBytes,
        Duration vodTimeout,
        Clock clock,
        ProcessingSettings processing,
        IntakeSettings intake,
        AdminSettings admin,
        SignatureSettings signature,
        HttpLimits limits,
        NotifySettings notifications) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final URI DEFAULT_VOD_ENDPOINT = URI.create("https://vod.tencentcloudapi.com");
    public static final String DEFAULT_REGION = "ap-guangzhou";
    public static final List<Integer> DEFAULT_DEFINITIONS = List.of(100010, 100020);
    public static final String DEFAULT_DATABASE_URL = "jdbc:sqlite:./data/vodhook.db";
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;
    public static final Duration DEFAULT_VOD_TIMEOUT = Duration.ofSeconds(20);

    public ServiceConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535: " + port);
        }
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(vodEndpoint, "vodEndpoint");
        secretId = secretId == null ? "" : secretId;
        secretKey = secretKey == null ? "" : secretKey;
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(subAppId, "subAppId");
        definitions = List.copyOf(definitions);
        if (definitions.isEmpty()) {
            throw new IllegalArgumentException("definitions must name at least one transcode template");
        }
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(callbackToken, "callbackToken");
        callbackToken = callbackToken.filter(t -> !t.isBlank());
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(retry, "retry");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        if (vodTimeout.isNegative() || vodTimeout.isZero()) {
            throw new IllegalArgumentException("vodTimeout must be positive: " + vodTimeout);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(processing, "processing");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(notifications, "notifications");
    }

    public static ServiceConfig defaults() {
        return new ServiceConfig(DEFAULT_PORT, DEFAULT_BIND_HOST, DEFAULT_VOD_ENDPOINT, "", "", DEFAULT_REGION,
                Optional.empty(), DEFAULT_DEFINITIONS, false, DEFAULT_DATABASE_URL, Optional.empty(),
                WorkerSettings.defaults(), RetryPolicy.defaults(), DEFAULT_MAX_BODY_BYTES, DEFAULT_VOD_TIMEOUT,
                Clock.systemUTC(), ProcessingSettings.defaults(),
                IntakeSettings.defaults(), AdminSettings.defaults(), SignatureSettings.defaults(), HttpLimits.defaults(),
                NotifySettings.defaults());
    }

    public ServiceConfig withPort(int value) {
        return with(e -> e.port = value);
    }

    public ServiceConfig withBindHost(String value) {
        return with(e -> e.bindHost = value);
    }

    public ServiceConfig withVodEndpoint(URI value) {
        return with(e -> e.vodEndpoint = value);
    }

    /** @param value {@code scheme://host[:port]}, e.g. {@code http://127.0.0.1:9000} */
    public ServiceConfig withVodEndpoint(String value) {
        return withVodEndpoint(URI.create(value));
    }

    public ServiceConfig withCredentials(String id, String key) {
        return with(e -> {
            e.secretId = id;
            e.secretKey = key;
        });
    }

    public ServiceConfig withRegion(String value) {
        return with(e -> e.region = value);
    }

    public ServiceConfig withSubAppId(Optional<Long> value) {
        return with(e -> e.subAppId = value);
    }

    public ServiceConfig withSubAppId(long value) {
        return withSubAppId(Optional.of(value));
    }

    public ServiceConfig withDefinitions(List<Integer> value) {
        return with(e -> e.definitions = value);
    }

    public ServiceConfig withTranscodeWhenProcedureNamed(boolean value) {
        return with(e -> e.transcodeWhenProcedureNamed = value);
    }

    public ServiceConfig withDatabaseUrl(String value) {
        return with(e -> e.databaseUrl = value);
    }

    public ServiceConfig withCallbackToken(Optional<String> value) {
        return with(e -> e.callbackToken = value);
    }

    public ServiceConfig withCallbackToken(String value) {
        return withCallbackToken(Optional.ofNullable(value));
    }

    public ServiceConfig withWorker(WorkerSettings value) {
        return with(e -> e.worker = value);
    }

    public ServiceConfig withRetry(RetryPolicy value) {
        return with(e -> e.retry = value);
    }

    public ServiceConfig withMaxBodyBytes(int value) {
        return with(e -> e.maxBodyBytes = value);
    }

    public ServiceConfig withVodTimeout(Duration value) {
        return with(e -> e.vodTimeout = value);
    }

    public ServiceConfig withClock(Clock value) {
        return with(e -> e.clock = value);
    }

    public ServiceConfig withProcessing(ProcessingSettings value) {
        return with(e -> e.processing = value);
    }

    public ServiceConfig withIntake(IntakeSettings value) {
        return with(e -> e.intake = value);
    }

    public ServiceConfig withAdmin(AdminSettings value) {
        return with(e -> e.admin = value);
    }

    public ServiceConfig withAdminPort(int value) {
        return withAdmin(admin.withPort(value));
    }

    public ServiceConfig withAdminHost(String value) {
        return withAdmin(admin.withHost(value));
    }

    public ServiceConfig withAdminToken(String value) {
        return withAdmin(admin.withToken(value));
    }

    public ServiceConfig withReadToken(String value) {
        return withAdmin(admin.withReadToken(value));
    }

    public ServiceConfig withSignature(SignatureSettings value) {
        return with(e -> e.signature = value);
    }

    /** @param value the SignKey callbacks must be signed with, or several separated by commas during a rotation */
    public ServiceConfig withSignKeys(String value) {
        return withSignature(signature.withKeys(value));
    }

    public ServiceConfig withLimits(HttpLimits value) {
        return with(e -> e.limits = value);
    }

    public ServiceConfig withNotifications(NotifySettings value) {
        return with(e -> e.notifications = value);
    }

    /** Both listeners on one port: asked for by giving the admin side the public port and host. */
    public boolean sharedListener() {
        return admin.port() == port && port != 0 && admin.host().equals(bindHost);
    }

    /**
     * Refuses what would expose the operator side: an admin host other than loopback without an admin
     * token, one port for both listeners unless on the same loopback address, a read token without an
     * admin token or equal to it, a callback token equal to the admin token.
     *
     * @throws IllegalArgumentException saying what to change
     */
    public ServiceConfig checkExposure() {
        if (!isLoopback(admin.host()) && admin.token().isEmpty()) {
            throw new IllegalArgumentException("admin-host " + admin.host() + " is not a loopback address, and there"
                    + " anyone could list the stored events, replay and purge them: set admin-token (env"
                    + " VODHOOK_ADMIN_TOKEN), or keep admin-host 127.0.0.1 and reach it through SSH or a proxy");
        }
        if (admin.port() == port && port != 0
                && !(admin.host().equals(bindHost) && isLoopback(bindHost))) {
            throw new IllegalArgumentException("admin-port " + port + " equals port: one port for callbacks and the"
                    + " operator API is only for a loopback address (host and admin-host both 127.0.0.1); give the"
                    + " admin listener its own port (default " + AdminSettings.DEFAULT_PORT + ")");
        }
        if (admin.readToken().isPresent() && admin.token().isEmpty()) {
            throw new IllegalArgumentException("read-token is set without admin-token: set admin-token as well");
        }
        if (admin.readToken().isPresent() && admin.readToken().equals(admin.token())) {
            throw new IllegalArgumentException("read-token equals admin-token: give them different values");
        }
        if (callbackToken.isPresent() && callbackToken.equals(admin.token())) {
            throw new IllegalArgumentException("callback-token equals admin-token: the callback token is part of"
                    + " the URL configured at VOD; give the admin token another value");
        }
        return this;
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code ::1}: only this machine can connect. */
    public static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    /** One line for the startup log: every setting, secrets replaced. */
    public String redacted() {
        return "port=" + port
                + " host=" + bindHost
                + " vod-endpoint=" + vodEndpoint
                + " secret-id=" + (secretId.length() > 4 ? secretId.substring(0, 4) + "****" : secretId.isEmpty() ? "(none)" : "****")
                + " secret-key=" + (secretKey.isEmpty() ? "(none)" : "****")
                + " region=" + region
                + " subappid=" + subAppId.map(String::valueOf).orElse("(none)")
                + " definitions=" + definitions
                + " transcode-when-procedure-named=" + transcodeWhenProcedureNamed
                + " database=" + databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1****")
                + " callback-token=" + (callbackToken.isPresent() ? "****" : "(none)")
                + " worker=" + worker
                + " retry=" + retry
                + " max-body-bytes=" + maxBodyBytes
                + " vod-timeout=" + vodTimeout
                + " " + processing
                + " intake=" + intake
                + " admin=" + admin
                + " sign-key=" + signature
                + " limits=" + limits
                + " notify=" + notifications;
    }

    @Override
    public String toString() {
        return "ServiceConfig[" + redacted() + "]";
    }

    /** A mutable copy for the {@code with*} methods: each changes what it names, then builds a new config. */
    private static final class Edit {
        int port;
        String bindHost;
        URI vodEndpoint;
        String secretId;
        String secretKey;
        String region;
        Optional<Long> subAppId;
        List<Integer> definitions;
        boolean transcodeWhenProcedureNamed;
        String databaseUrl;
        Optional<String> callbackToken;
        WorkerSettings worker;
        RetryPolicy retry;
        int maxBodyBytes;
        Duration vodTimeout;
        Clock clock;
        ProcessingSettings processing;
        IntakeSettings intake;
        AdminSettings admin;
        SignatureSettings signature;
        HttpLimits limits;
        NotifySettings notifications;

        Edit(ServiceConfig c) {
            port = c.port;
            bindHost = c.bindHost;
            vodEndpoint = c.vodEndpoint;
            secretId = c.secretId;
            secretKey = c.secretKey;
            region = c.region;
            subAppId = c.subAppId;
            definitions = c.definitions;
            transcodeWhenProcedureNamed = c.transcodeWhenProcedureNamed;
            databaseUrl = c.databaseUrl;
            callbackToken = c.callbackToken;
            worker = c.worker;
            retry = c.retry;
            maxBodyBytes = c.maxBodyBytes;
            vodTimeout = c.vodTimeout;
            clock = c.clock;
            processing = c.processing;
            intake = c.intake;
            admin = c.admin;
            signature = c.signature;
            limits = c.limits;
            notifications = c.notifications;
        }

        ServiceConfig build() {
            return new ServiceConfig(port, bindHost, vodEndpoint, secretId, secretKey, region, subAppId, definitions,
                    transcodeWhenProcedureNamed, databaseUrl, callbackToken, worker, retry, maxBodyBytes,
                    vodTimeout, clock, processing, intake, admin, signature, limits,
                    notifications);
        }
    }

    private ServiceConfig with(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return e.build();
    }
}
