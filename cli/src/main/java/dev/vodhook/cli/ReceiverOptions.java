package dev.vodhook.cli;

import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.intake.IntakeMode;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.notify.RetrySchedule;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.processing.UploadAction;
import dev.vodhook.store.outbox.NotificationType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The receiver's flags, shared by {@code serve} and {@code upload}, and how they become a {@link ServiceConfig}:
 * config file, then environment, then these flags.
 */
public final class ReceiverOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (keys: " + "secret-id, secret-key, region, "
            + "definitions, subappid, vod-endpoint, port, host, admin-port, admin-host, admin-token, read-token, "
            + "database, callback-token, sign-key, sign-skew, on-upload, procedure, verify-uploads, "
            + "reconcile-after, reconcile-every, intake, pullers, intake-only, dedupe-retention, notify, notify-url, "
            + "notify-secret, notify-retry, notify-timeout); holding a secret, it"
            + " must be readable by its owner only (chmod 600)")
    Path configFile;

    @Option(names = "--insecure-config", description = "read the config file even if its group or others may read it")
    boolean insecureConfig;

    @Option(names = "--port", description = "public port: callbacks and /healthz only (default 8080; 0 = a free port)")
    String port;

    @Option(names = "--host", description = "address of the public port (default 127.0.0.1; use 0.0.0.0 so VOD can reach it, with --callback-token and/or --sign-key)")
    String host;

    @Option(names = "--admin-port", description = "admin port: operator API (/api), /metrics, /healthz (default 8081; 0 = a free port)")
    String adminPort;

    @Option(names = "--admin-host", description = "address of the admin port (default 127.0.0.1; any other needs --admin-token)")
    String adminHost;

    @Option(names = "--admin-token", description = "bearer token for /api and /metrics (or env VODHOOK_ADMIN_TOKEN; prefer the env or a 0600 config file)")
    String adminToken;

    @Option(names = "--read-token", description = "bearer token that may only read /api and /metrics (or env VODHOOK_READ_TOKEN)")
    String readToken;

    @Option(names = "--sign-key", description = "VOD's SignKey: take only callbacks with a valid Sign/T; KEY1,KEY2 during a rotation (or env VODHOOK_SIGN_KEY)")
    String signKey;

    @Option(names = "--sign-skew", paramLabel = "DURATION", description = "clock difference allowed when checking T (default 60s)")
    String signSkew;

    @Option(names = "--vod-endpoint", paramLabel = "URL", description = "VOD API endpoint (default https://vod.tencentcloudapi.com)")
    String vodEndpoint;

    @Option(names = "--secret-id", description = "API SecretId (or env SECRET_ID)")
    String secretId;

    @Option(names = "--secret-key", description = "API SecretKey (or env SECRET_KEY; prefer the env or a 0600 config file)")
    String secretKey;

    @Option(names = "--region", description = "VOD region (default ap-guangzhou)")
    String region;

    @Option(names = "--subappid", description = "VOD SubAppId (or env VODHOOK_SUBAPPID; env APPID is the account's APPID, not this)")
    String subAppId;

    @Option(names = "--definitions", description = "templates to transcode on upload, comma-separated (default 100010,100020)")
    String definitions;

    @Option(names = "--database", paramLabel = "JDBC-URL", description = "database (default jdbc:sqlite:./data/vodhook.db)")
    String database;

    @Option(names = "--callback-token", description = "accept pushes only at /callback/<token>")
    String callbackToken;

    @Option(names = "--on-upload", paramLabel = "ACTION", description = "what an upload starts: transcode (default), procedure or none")
    String onUpload;

    @Option(names = "--on-upload-procedure", paramLabel = "NAME", description = "task flow template to start on upload, key procedure (implies --on-upload procedure)")
    String procedure;

    @Option(names = "--verify-uploads", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "ask VOD that an uploaded FileId exists, and skip media that have every output, before"
                    + " starting work on it (default true)")
    String verifyUploads;

    @Option(names = "--reconcile-after", paramLabel = "DURATION", description = "ask VOD about a started task quiet this long (default 10m)")
    String reconcileAfter;

    @Option(names = "--reconcile-every", paramLabel = "DURATION", description = "how often to look for quiet tasks (default 1m)")
    String reconcileEvery;

    @Option(names = "--intake", paramLabel = "MODE", description = "push (default: VOD posts to /callback), pull"
            + " (PullEvents loop, for an application in reliable-callback mode) or both")
    String intake;

    @Option(names = "--pullers", paramLabel = "N", description = "PullEvents loops run at once when pulling (default 8)")
    String pullers;

    @Option(names = "--intake-only", paramLabel = "BOOL", arity = "0..1", fallbackValue = "true",
            description = "take events in but do not process them (another instance on the same database does)")
    String intakeOnly;

    @Option(names = "--dedupe-retention", paramLabel = "DURATION", description = "keep handled events and their"
            + " dedupe keys this long, e.g. 7d (default), 96h; at least 4d")
    String dedupeRetention;

    Settings settings(Map<String, String> env) {
        Settings s = Settings.empty();
        if (configFile != null) {
            s = s.withFile(configFile, insecureConfig);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("port", port);
        flags.put("host", host);
        flags.put("admin-port", adminPort);
        flags.put("admin-host", adminHost);
        flags.put("admin-token", adminToken);
        flags.put("read-token", readToken);
        flags.put("sign-key", signKey);
        flags.put("sign-skew", signSkew);
        flags.put("vod-endpoint", vodEndpoint);
        flags.put("secret-id", secretId);
        flags.put("secret-key", secretKey);
        flags.put("region", region);
        flags.put("subappid", subAppId);
        flags.put("definitions", definitions);
        flags.put("database", database);
        flags.put("callback-token", callbackToken);
        flags.put("on-upload", onUpload);
        flags.put("procedure", procedure);
        flags.put("verify-uploads", verifyUploads);
        flags.put("reconcile-after", reconcileAfter);
        flags.put("reconcile-every", reconcileEvery);
        flags.put("intake", intake);
        flags.put("dedupe-retention", dedupeRetention);
        flags.put("intake-only", intakeOnly);
        flags.put("pullers", pullers);
        return s.withEnv(env).withFlags(flags);
    }

    /** Builds the receiver's config; missing or malformed settings are a {@link ConfigException}. */
    static ServiceConfig serviceConfig(Settings s) {
        ServiceConfig c = ServiceConfig.defaults();
        String id = s.get("secret-id").orElseThrow(() -> new ConfigException(
                "no secret-id: set it in the config file, env SECRET_ID, or --secret-id"));
        String key = s.get("secret-key").orElseThrow(() -> new ConfigException(
                "no secret-key: set it in the config file, env SECRET_KEY, or --secret-key"));
        c = c.withCredentials(id, key);
        if (s.get("port").isPresent()) {
            c = c.withPort(intIn(s, "port", 0, 65535));
        }
        c = s.get("host").map(c::withBindHost).orElse(c);
        c = s.get("vod-endpoint").map(c::withVodEndpoint).orElse(c);
        c = s.get("region").map(c::withRegion).orElse(c);
        if (s.get("subappid").isPresent()) {
            c = c.withSubAppId(longValue(s, "subappid"));
        }
        if (s.get("definitions").isPresent()) {
            c = c.withDefinitions(definitions(s));
        }
        c = s.get("database").map(c::withDatabaseUrl).orElse(c);
        c = s.get("callback-token").map(c::withCallbackToken).orElse(c);
        c = c.withProcessing(processing(s)).withIntake(intake(s, c.intake())).withNotifications(notifications(s));
        return access(s, c);
    }

    /** {@code admin-port}, {@code admin-host}, the tokens and the sign keys, then what they would expose. */
    private static ServiceConfig access(Settings s, ServiceConfig c) {
        if (s.get("admin-port").isPresent()) {
            c = c.withAdminPort(intIn(s, "admin-port", 0, 65535));
        }
        c = s.get("admin-host").map(c::withAdminHost).orElse(c);
        c = s.get("admin-token").map(c::withAdminToken).orElse(c);
        c = s.get("read-token").map(c::withReadToken).orElse(c);
        try {
            c = s.get("sign-key").map(c::withSignKeys).orElse(c);
            if (s.get("sign-skew").isPresent()) {
                c = c.withSignature(c.signature().withSkew(duration(s, "sign-skew")));
            }
            return c.checkExposure();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** {@code notify} (a list of endpoints), {@code notify-url} with {@code notify-secret}, {@code notify-retry}, {@code notify-timeout}. */
    static NotifySettings notifications(Settings s) {
        NotifySettings n = NotifySettings.defaults();
        List<NotifyEndpoint> endpoints = new ArrayList<>();
        try {
            if (s.get("notify").isPresent()) {
                var list = new com.fasterxml.jackson.databind.ObjectMapper().readTree(s.get("notify").orElseThrow());
                if (!list.isArray()) {
                    throw new ConfigException("notify must be a list of endpoints, each with url and secret");
                }
                for (var e : list) {
                    endpoints.add(new NotifyEndpoint(java.net.URI.create(e.path("url").asText("")),
                            texts(e.has("secrets") ? e.path("secrets") : e.path("secret")), types(texts(e.path("types")))));
                }
            }
            if (s.get("notify-url").isPresent()) {
                String secret = s.get("notify-secret").orElseThrow(() -> new ConfigException(
                        "notify-url is set but notify-secret is not: give the endpoint's whsec_ secret"));
                endpoints.add(new NotifyEndpoint(java.net.URI.create(s.get("notify-url").orElseThrow()),
                        List.of(secret.split("[,\\s]+")), java.util.Set.of()));
            }
            n = n.withEndpoints(endpoints);
            if (s.get("notify-timeout").isPresent()) {
                n = n.withTimeout(duration(s, "notify-timeout"));
            }
            if (s.get("notify-retry").isPresent()) {
                n = n.withRetry(RetrySchedule.parse(s.get("notify-retry").orElseThrow()));
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("notify must be a list of endpoints: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static List<String> texts(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> values.add(v.asText().strip()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            for (String v : node.asText().split(",")) {
                values.add(v.strip());
            }
        }
        values.removeIf(String::isEmpty);
        return values;
    }

    private static java.util.Set<NotificationType> types(List<String> names) {
        java.util.Set<NotificationType> types = new java.util.HashSet<>();
        for (String name : names) {
            types.add(NotificationType.parse(name).orElseThrow(() -> new ConfigException("unknown notification type '"
                    + name + "'; known: " + java.util.Arrays.stream(NotificationType.values())
                            .map(NotificationType::wireName).toList())));
        }
        return types;
    }

    /** {@code on-upload}, {@code procedure}, {@code verify-uploads}, {@code reconcile-after}, {@code reconcile-every}. */
    private static ProcessingSettings processing(Settings s) {
        ProcessingSettings p = ProcessingSettings.defaults();
        Optional<String> procedure = s.get("procedure");
        UploadAction action;
        try {
            action = s.get("on-upload").map(UploadAction::parse)
                    .orElse(procedure.isPresent() ? UploadAction.PROCEDURE : UploadAction.TRANSCODE);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage() + " (" + s.origins().get("on-upload") + ")");
        }
        if (action == UploadAction.PROCEDURE) {
            p = p.withProcedure(procedure.orElseThrow(() -> new ConfigException(
                    "on-upload is procedure but no procedure is set: name the task flow template, e.g. procedure: LongVideoPreset")));
        } else {
            p = p.withOnUpload(action);
        }
        if (s.get("verify-uploads").isPresent()) {
            p = p.withVerifyUploads(bool(s, "verify-uploads"));
        }
        if (s.get("reconcile-after").isPresent()) {
            p = p.withReconcileAfter(duration(s, "reconcile-after"));
        }
        if (s.get("reconcile-every").isPresent()) {
            p = p.withReconcileEvery(duration(s, "reconcile-every"));
        }
        return p;
    }

    private static IntakeSettings intake(Settings s, IntakeSettings intake) {
        try {
            if (s.get("intake").isPresent()) {
                intake = intake.withMode(IntakeMode.parse(s.get("intake").orElseThrow()));
            }
            if (s.get("pullers").isPresent()) {
                intake = intake.withPullers(intIn(s, "pullers", 1, 64));
            }
            if (s.get("intake-only").isPresent()) {
                String raw = s.get("intake-only").orElseThrow().toLowerCase(java.util.Locale.ROOT);
                if (!raw.equals("true") && !raw.equals("false")) {
                    throw new IllegalArgumentException("intake-only must be true or false, got '" + raw + "'");
                }
                intake = intake.withIntakeOnly(Boolean.parseBoolean(raw));
            }
            if (s.get("dedupe-retention").isPresent()) {
                intake = intake.withDedupeRetention(duration(s, "dedupe-retention"));
            }
            return intake;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }


    /** {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}, a number of seconds, or ISO-8601 such as {@code PT10M}; positive. */
    static Duration duration(Settings s, String key) {
        String raw = s.get(key).orElseThrow();
        Duration d;
        try {
            d = parseDuration(raw.strip().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new ConfigException(key + " must be a duration like 90s, 10m, 2h or 1d; got '" + raw + "' ("
                    + s.origins().get(key) + ")");
        }
        if (d.isZero() || d.isNegative()) {
            throw new ConfigException(key + " must be positive, got '" + raw + "'");
        }
        return d;
    }

    private static Duration parseDuration(String v) {
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        char unit = v.charAt(v.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1).strip());
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    private static boolean bool(Settings s, String key) {
        String raw = s.get(key).orElseThrow();
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key + " must be true or false, got '" + raw + "' ("
                    + s.origins().get(key) + ")");
        };
    }

    private static int intIn(Settings s, String key, int min, int max) {
        long v = longValue(s, key);
        if (v < min || v > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + v);
        }
        return (int) v;
    }

    private static long longValue(Settings s, String key) {
        String raw = s.get(key).orElseThrow();
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got '" + raw + "' (" + s.origins().get(key) + ")");
        }
    }

    private static List<Integer> definitions(Settings s) {
        String raw = s.get("definitions").orElseThrow().replace("[", "").replace("]", "");
        List<Integer> list = new ArrayList<>();
        for (String part : raw.split("[,\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                list.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new ConfigException("definitions must be template ids like 100010,100020; got '" + part + "'");
            }
        }
        if (list.isEmpty()) {
            throw new ConfigException("definitions is empty; give at least one template id, e.g. 100010");
        }
        return List.copyOf(list);
    }
}
