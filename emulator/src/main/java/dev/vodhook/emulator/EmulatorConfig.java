package dev.vodhook.emulator;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the local VOD can be told, with named defaults ({@link #defaults()}) and {@code with*} copies.
 *
 * @param host              bind address, {@code 127.0.0.1}
 * @param port              listening port; 0 picks a free one
 * @param secretId          the API key's SecretId that signed requests must use
 * @param secretKey         its SecretKey (never printed)
 * @param appId             the account's AppId, used in bucket names, URLs and TaskIds
 * @param subAppId          the default application when a request names no SubAppId; requests may name
 *                          this one or {@code appId}, anything else is {@code InvalidParameterValue.SubAppId}
 * @param region            default storage region, {@code ap-guangzhou}
 * @param notificationUrl   push target for events of the default application (PUSH mode)
 * @param dataDir           where stored objects live; a temporary directory (deleted on close) when empty
 * @param publicBaseUrl     base of every output URL; the emulator's own {@code http://host:port} when empty,
 *                          so the emulator itself serves the files
 * @param clock             the time used for signatures, expiry, timestamps and dedup windows
 * @param ffmpegPath        a specific ffmpeg (ffprobe beside it); PATH or the bundled build when empty
 * @param pushRetry         attempts and backoff of push deliveries
 * @param pushTimeout       time allowed for one push attempt
 * @param sessionIdWindow   how long a ProcessMedia SessionId is remembered for dedup (docs say 3 days)
 * @param upscale           whether presets enlarge sources smaller than their nominal size (UNCONFIRMED in the
 *                          cloud; on by default so a 640x360 source gives a 540p 100020)
 * @param ffmpegConcurrency how many ffmpeg jobs may run at once
 * @param pullPolicy        the reliable-callback queue: PullEvents hold, visibility timeout, retention
 * @param pushLoop          whether a background loop makes push attempts when they fall due (true); when false,
 *                          attempts wait for {@link LocalVod#runDuePushes()} (tests that drive a settable clock)
 * @param pullUpload        PullUpload's size limit, fetch timeout and whether it also publishes NewFileUpload
 * @param rateLimits        request rates per action and application ({@code RequestLimitExceeded} above them); off
 *                          by default
 * @param allowRemote       whether {@code host} may be other than loopback: the inspection and control routes under
 *                          {@code /_emulator/} (faults, reset, state, published events) answer anyone unauthenticated,
 *                          so a non-loopback host is refused unless this is set
 */
public record EmulatorConfig(String host, int port, String secretId, String secretKey, long appId, long subAppId,
                             String region, Optional<String> notificationUrl, Optional<Path> dataDir,
                             Optional<String> publicBaseUrl, Clock clock, Optional<Path> ffmpegPath,
                             PushRetryPolicy pushRetry, Duration pushTimeout, Duration sessionIdWindow, boolean upscale,
                             int ffmpegConcurrency, PullPolicy pullPolicy, boolean pushLoop,
                             PullUploadPolicy pullUpload, RateLimitPolicy rateLimits, boolean allowRemote) {

    public static final String DEFAULT_SECRET_ID = "AKIDLocalVodExampleSecretId0000";
    public static final String DEFAULT_SECRET_KEY = "LocalVodExampleSecretKey00000000";
    public static final long DEFAULT_APP_ID = 1500012345L;

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(notificationUrl, "notificationUrl");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ffmpegPath, "ffmpegPath");
        Objects.requireNonNull(pushRetry, "pushRetry");
        Objects.requireNonNull(pushTimeout, "pushTimeout");
        Objects.requireNonNull(sessionIdWindow, "sessionIdWindow");
        Objects.requireNonNull(pullPolicy, "pullPolicy");
        Objects.requireNonNull(pullUpload, "pullUpload");
        Objects.requireNonNull(rateLimits, "rateLimits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (ffmpegConcurrency < 1) {
            throw new IllegalArgumentException("ffmpegConcurrency must be at least 1, was " + ffmpegConcurrency);
        }
        publicBaseUrl = publicBaseUrl.map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    }

    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", 0, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, DEFAULT_APP_ID,
                DEFAULT_APP_ID, "ap-guangzhou", Optional.empty(), Optional.empty(), Optional.empty(),
                Clock.systemUTC(), Optional.empty(), PushRetryPolicy.defaults(), Duration.ofSeconds(5),
                Duration.ofDays(3), true, 2, PullPolicy.defaults(), true, PullUploadPolicy.defaults(),
                RateLimitPolicy.documented(), false);
    }

    public EmulatorConfig withHost(String value) {
        return with(e -> e.host = value);
    }

    public EmulatorConfig withPort(int value) {
        return with(e -> e.port = value);
    }

    public EmulatorConfig withCredentials(String id, String key) {
        return with(e -> {
            e.secretId = id;
            e.secretKey = key;
        });
    }

    /** Sets the AppId and makes it the default SubAppId too. */
    public EmulatorConfig withAppId(long value) {
        return with(e -> {
            e.appId = value;
            e.subAppId = value;
        });
    }

    public EmulatorConfig withSubAppId(long value) {
        return with(e -> e.subAppId = value);
    }

    public EmulatorConfig withRegion(String value) {
        return with(e -> e.region = value);
    }

    public EmulatorConfig withNotificationUrl(String value) {
        return with(e -> e.notificationUrl = Optional.ofNullable(value).filter(v -> !v.isBlank()));
    }

    public EmulatorConfig withDataDir(Path value) {
        return with(e -> e.dataDir = Optional.ofNullable(value));
    }

    public EmulatorConfig withPublicBaseUrl(String value) {
        return with(e -> e.publicBaseUrl = Optional.ofNullable(value).filter(v -> !v.isBlank()));
    }

    public EmulatorConfig withClock(Clock value) {
        return with(e -> e.clock = value);
    }

    public EmulatorConfig withFfmpegPath(Path value) {
        return with(e -> e.ffmpegPath = Optional.ofNullable(value));
    }

    public EmulatorConfig withPushRetry(PushRetryPolicy value) {
        return with(e -> e.pushRetry = value);
    }

    public EmulatorConfig withPushTimeout(Duration value) {
        return with(e -> e.pushTimeout = value);
    }

    public EmulatorConfig withSessionIdWindow(Duration value) {
        return with(e -> e.sessionIdWindow = value);
    }

    public EmulatorConfig withUpscale(boolean value) {
        return with(e -> e.upscale = value);
    }

    public EmulatorConfig withFfmpegConcurrency(int value) {
        return with(e -> e.ffmpegConcurrency = value);
    }

    public EmulatorConfig withPullPolicy(PullPolicy value) {
        return with(e -> e.pullPolicy = value);
    }

    /** How long PullEvents holds a request while the queue is empty (5 s by default; tests use a short one). */
    public EmulatorConfig withPullHold(Duration value) {
        return withPullPolicy(pullPolicy.withHold(value));
    }

    public EmulatorConfig withPushLoop(boolean value) {
        return with(e -> e.pushLoop = value);
    }

    public EmulatorConfig withPullUpload(PullUploadPolicy value) {
        return with(e -> e.pullUpload = value);
    }

    public EmulatorConfig withRateLimits(RateLimitPolicy value) {
        return with(e -> e.rateLimits = value);
    }

    /** Lets the local VOD listen on a host other than loopback (see {@link #allowRemote()}). */
    public EmulatorConfig withAllowRemote(boolean value) {
        return with(e -> e.allowRemote = value);
    }

    /** Whether {@code host} is {@code localhost}, {@code 127.x.x.x} or {@code ::1}: only this machine can connect. */
    public boolean loopbackOnly() {
        String h = host.strip().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    }

    /** Switches the documented rate limits of {@link #rateLimits()} on or off. */
    public EmulatorConfig withRateLimit(boolean enabled) {
        return withRateLimits(rateLimits.withEnabled(enabled));
    }

    /** Printable form: the SecretKey is redacted. */
    @Override
    public String toString() {
        return "EmulatorConfig[host=" + host + ", port=" + port + ", secretId=" + secretId + ", secretKey=***"
                + ", appId=" + appId + ", subAppId=" + subAppId + ", region=" + region
                + ", notificationUrl=" + notificationUrl.orElse("(none)")
                + ", dataDir=" + dataDir.map(Path::toString).orElse("(temporary)")
                + ", publicBaseUrl=" + publicBaseUrl.orElse("(own address)") + ", clock=" + clock
                + ", ffmpegPath=" + ffmpegPath.map(Path::toString).orElse("(auto)") + ", pushRetry=" + pushRetry
                + ", pushTimeout=" + pushTimeout + ", sessionIdWindow=" + sessionIdWindow + ", upscale=" + upscale
                + ", ffmpegConcurrency=" + ffmpegConcurrency + ", pullPolicy=" + pullPolicy
                + ", pushLoop=" + pushLoop + ", pullUpload=" + pullUpload + ", rateLimits=" + rateLimits
                + ", allowRemote=" + allowRemote + "]";
    }

    /** A mutable copy for the {@code with*} methods: each changes what it names, then builds a new config. */
    private static final class Edit {
        String host;
        int port;
        String secretId;
        String secretKey;
        long appId;
        long subAppId;
        String region;
        Optional<String> notificationUrl;
        Optional<Path> dataDir;
        Optional<String> publicBaseUrl;
        Clock clock;
        Optional<Path> ffmpegPath;
        PushRetryPolicy pushRetry;
        Duration pushTimeout;
        Duration sessionIdWindow;
        boolean upscale;
        int ffmpegConcurrency;
        PullPolicy pullPolicy;
        boolean pushLoop;
        PullUploadPolicy pullUpload;
        RateLimitPolicy rateLimits;
        boolean allowRemote;

        Edit(EmulatorConfig c) {
            host = c.host;
            port = c.port;
            secretId = c.secretId;
            secretKey = c.secretKey;
            appId = c.appId;
            subAppId = c.subAppId;
            region = c.region;
            notificationUrl = c.notificationUrl;
            dataDir = c.dataDir;
            publicBaseUrl = c.publicBaseUrl;
            clock = c.clock;
            ffmpegPath = c.ffmpegPath;
            pushRetry = c.pushRetry;
            pushTimeout = c.pushTimeout;
            sessionIdWindow = c.sessionIdWindow;
            upscale = c.upscale;
            ffmpegConcurrency = c.ffmpegConcurrency;
            pullPolicy = c.pullPolicy;
            pushLoop = c.pushLoop;
            pullUpload = c.pullUpload;
            rateLimits = c.rateLimits;
            allowRemote = c.allowRemote;
        }

        EmulatorConfig build() {
            return new EmulatorConfig(host, port, secretId, secretKey, appId, subAppId, region, notificationUrl,
                    dataDir,
                    publicBaseUrl, clock, ffmpegPath, pushRetry, pushTimeout, sessionIdWindow, upscale,
                    ffmpegConcurrency, pullPolicy, pushLoop, pullUpload, rateLimits, allowRemote);
        }
    }

    private EmulatorConfig with(Consumer<Edit> change) {
        Edit e = new Edit(this);
        change.accept(e);
        return e.build();
    }
}
