package dev.vodhook.cli.config;

import static dev.vodhook.cli.config.ConfigGroup.INTAKE;
import static dev.vodhook.cli.config.ConfigGroup.LISTENERS;
import static dev.vodhook.cli.config.ConfigGroup.NOTIFICATIONS;
import static dev.vodhook.cli.config.ConfigGroup.PROCESSING;
import static dev.vodhook.cli.config.ConfigGroup.VOD;

import dev.vodhook.cli.config.ConfigKey.Shown;
import dev.vodhook.service.intake.IntakeMode;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.RetrySchedule;
import dev.vodhook.service.processing.UploadAction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every config key, once. The keys follow the original demo's config.json ({@code secret-id}, {@code secret-key},
 * {@code region}, {@code definitions}, {@code subappid}); env {@code SECRET_ID} and {@code SECRET_KEY} work as in
 * the original installer, and every key reads from {@code VODHOOK_<KEY>}. The order here is the order of the docs.
 */
public final class ConfigKeys {
    public static final ConfigKey<String> SECRET_ID = ConfigKey.of(VOD, "secret-id", "ID", Parsers.TEXT)
            .alsoEnv("SECRET_ID").note("(required)").help("API key id (SecretId) used to call VOD");
    public static final ConfigKey<String> SECRET_KEY = ConfigKey.of(VOD, "secret-key", "KEY", Parsers.TEXT)
            .alsoEnv("SECRET_KEY").note("(required)").shown(Shown.SECRET)
            .help("API key secret (SecretKey); never printed or logged");
    public static final ConfigKey<String> REGION = ConfigKey.of(VOD, "region", "REGION", Parsers.TEXT)
            .byDefault("ap-guangzhou").help("VOD region");
    public static final ConfigKey<Long> SUBAPPID = ConfigKey.of(VOD, "subappid", "ID", Parsers.WHOLE_NUMBER)
            .note("none: the primary application").help("VOD application (SubAppId). Env `APPID` is the account's"
                    + " APPID (`125xxxxxxx`) as in the original installer, never read as this");
    public static final ConfigKey<URI> VOD_ENDPOINT = ConfigKey.of(VOD, "vod-endpoint", "URL", Parsers.URL)
            .byDefault("https://vod.tencentcloudapi.com")
            .help("VOD API endpoint, e.g. a local VOD's `http://127.0.0.1:9000`");

    public static final ConfigKey<Integer> PORT = ConfigKey.of(LISTENERS, "port", "PORT", Parsers.intIn(0, 65535))
            .byDefault("8080").help("public port: callbacks and `/healthz` only; `0` picks a free one");
    public static final ConfigKey<String> HOST = ConfigKey.of(LISTENERS, "host", "HOST", Parsers.TEXT)
            .byDefault("127.0.0.1").help("address of the public port; `0.0.0.0` for VOD to reach it (with"
                    + " `callback-token` and/or `sign-key`)");
    public static final ConfigKey<Integer> ADMIN_PORT = ConfigKey.of(LISTENERS, "admin-port", "PORT",
                    Parsers.intIn(0, 65535)).byDefault("8081")
            .help("admin port: the console at `/`, the operator API, `/metrics`, `/healthz`; may equal `port` only"
                    + " when both hosts are `127.0.0.1`");
    public static final ConfigKey<String> ADMIN_HOST = ConfigKey.of(LISTENERS, "admin-host", "HOST", Parsers.TEXT)
            .byDefault("127.0.0.1").help("address of the admin port; any other needs `admin-token`");
    public static final ConfigKey<String> ADMIN_TOKEN = ConfigKey.of(LISTENERS, "admin-token", "TOKEN", Parsers.TEXT)
            .shown(Shown.SECRET).help("every `/api` and `/metrics` request needs `Authorization: Bearer <token>`,"
                    + " and the console a login with it; never printed");
    public static final ConfigKey<String> READ_TOKEN = ConfigKey.of(LISTENERS, "read-token", "TOKEN", Parsers.TEXT)
            .shown(Shown.SECRET).help("a second token that may only read (`GET`; in the console, no button that"
                    + " changes state); needs `admin-token`");
    public static final ConfigKey<String> CALLBACK_TOKEN = ConfigKey.of(LISTENERS, "callback-token", "TOKEN",
            Parsers.TEXT).shown(Shown.SECRET).help("accept pushes only at `/callback/<token>`");
    public static final ConfigKey<String> SIGN_KEY = ConfigKey.of(LISTENERS, "sign-key", "KEY", Parsers.TEXT)
            .shown(Shown.SECRET).help("the application's SignKey: accept only callbacks with a valid `Sign`/`T`;"
                    + " `NEWKEY,OLDKEY` during a rotation");
    public static final ConfigKey<Duration> SIGN_SKEW = ConfigKey.of(LISTENERS, "sign-skew", "DURATION",
            Parsers.DURATION).byDefault("60s").help("clock difference allowed when checking `T`");

    public static final ConfigKey<List<Integer>> DEFINITIONS = ConfigKey.of(PROCESSING, "definitions", "IDS",
            Parsers.DEFINITIONS).byDefault("[100010, 100020]").help("templates transcoded on upload");
    public static final ConfigKey<UploadAction> ON_UPLOAD = ConfigKey.of(PROCESSING, "on-upload", "ACTION",
            Parsers.of(UploadAction::parse)).byDefault("transcode").note("(`procedure` if `procedure` is set)")
            .help("what a new upload starts: `transcode`, `procedure` or `none`");
    public static final ConfigKey<String> PROCEDURE = ConfigKey.of(PROCESSING, "procedure", "NAME", Parsers.TEXT)
            .flag("--on-upload-procedure")
            .help("task flow template started on upload with `on-upload: procedure`, e.g. `LongVideoPreset`");
    public static final ConfigKey<Boolean> VERIFY_UPLOADS = ConfigKey.of(PROCESSING, "verify-uploads", "BOOL",
            Parsers.BOOL).byDefault("true").help("before an upload starts work, skip it if the media has every"
                    + " output already or VOD has no such FileId (`DescribeMediaInfos`)");
    public static final ConfigKey<Duration> RECONCILE_AFTER = ConfigKey.of(PROCESSING, "reconcile-after",
            "DURATION", Parsers.DURATION).byDefault("10m").help("ask VOD about a task vodhook started once it has"
                    + " been quiet this long (`90s`, `10m`, `2h`, `PT10M`)");
    public static final ConfigKey<Duration> RECONCILE_EVERY = ConfigKey.of(PROCESSING, "reconcile-every",
            "DURATION", Parsers.DURATION).byDefault("1m").help("how often to look for quiet tasks");

    public static final ConfigKey<String> DATABASE = ConfigKey.of(INTAKE, "database", "JDBC-URL", Parsers.TEXT)
            .byDefault("jdbc:sqlite:./data/vodhook.db")
            .help("JDBC URL; `jdbc:postgresql://host/db?user=..&password=..` for PostgreSQL");
    public static final ConfigKey<IntakeMode> INTAKE_MODE = ConfigKey.of(INTAKE, "intake", "MODE",
            Parsers.of(IntakeMode::parse)).byDefault("push")
            .help("`push` (VOD posts to `/callback`), `pull` (PullEvents loops, for reliable callback) or `both`");
    public static final ConfigKey<Integer> PULLERS = ConfigKey.of(INTAKE, "pullers", "N", Parsers.intIn(1, 64))
            .byDefault("8").help("PullEvents loops when pulling");
    public static final ConfigKey<Boolean> INTAKE_ONLY = ConfigKey.of(INTAKE, "intake-only", "BOOL", Parsers.BOOL)
            .byDefault("false").help("take events in, leave processing to other instances on the same database");
    public static final ConfigKey<Duration> DEDUPE_RETENTION = ConfigKey.of(INTAKE, "dedupe-retention", "DURATION",
            Parsers.DURATION).byDefault("7d")
            .help("keep handled events and their dedupe keys this long (at least `4d`)");

    public static final ConfigKey<List<NotifyEndpoint>> NOTIFY = ConfigKey.of(NOTIFICATIONS, "notify", "LIST",
            Parsers.ENDPOINTS).noFlag().shown(Shown.URLS_ONLY).help("your application's endpoints for vodhook's"
                    + " signed media notifications: a list of `url`, `secret` (`whsec_...`, or a list of two during a"
                    + " rotation), `types` (default all)");
    public static final ConfigKey<URI> NOTIFY_URL = ConfigKey.of(NOTIFICATIONS, "notify-url", "URL",
            Parsers.of(URI::create)).noFlag().help("one endpoint for every notification, with `notify-secret`");
    public static final ConfigKey<List<String>> NOTIFY_SECRET = ConfigKey.of(NOTIFICATIONS, "notify-secret",
            "WHSEC", Parsers.LIST).noFlag().shown(Shown.SECRET).help("its `whsec_` secret (see `vodhook notify test`)");
    public static final ConfigKey<RetrySchedule> NOTIFY_RETRY = ConfigKey.of(NOTIFICATIONS, "notify-retry", "WAITS",
            Parsers.of(RetrySchedule::parse)).noFlag().byDefault("5s,5m,30m,2h,5h,10h,10h")
            .help("waits between delivery attempts, then DEAD");
    public static final ConfigKey<Duration> NOTIFY_TIMEOUT = ConfigKey.of(NOTIFICATIONS, "notify-timeout",
            "DURATION", Parsers.DURATION).noFlag().byDefault("15s").help("an attempt succeeds on a 2xx within this");

    /** Every key, in the order of the docs. */
    public static final List<ConfigKey<?>> ALL = List.of(SECRET_ID, SECRET_KEY, REGION, SUBAPPID, VOD_ENDPOINT,
            PORT, HOST, ADMIN_PORT, ADMIN_HOST, ADMIN_TOKEN, READ_TOKEN, CALLBACK_TOKEN, SIGN_KEY, SIGN_SKEW,
            DEFINITIONS, ON_UPLOAD, PROCEDURE, VERIFY_UPLOADS, RECONCILE_AFTER, RECONCILE_EVERY,
            DATABASE, INTAKE_MODE, PULLERS, INTAKE_ONLY, DEDUPE_RETENTION,
            NOTIFY, NOTIFY_URL, NOTIFY_SECRET, NOTIFY_RETRY, NOTIFY_TIMEOUT);

    private ConfigKeys() {
    }

    public static Optional<ConfigKey<?>> byName(String name) {
        return ALL.stream().<ConfigKey<?>>map(k -> k).filter(k -> k.name().equals(name)).findFirst();
    }

    public static List<ConfigKey<?>> in(ConfigGroup group) {
        return ALL.stream().filter(k -> k.group() == group).toList();
    }

    public static List<String> names() {
        return ALL.stream().map(ConfigKey::name).toList();
    }
}
