package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Receiver settings as lower-case-dashed keys, merged in order: config file, then environment, then flags.
 * The keys follow the original demo's config.json ({@code secret-id}, {@code secret-key}, {@code region},
 * {@code definitions}, {@code subappid}); env {@code SECRET_ID} and {@code SECRET_KEY} work as in the original
 * installer, and every key also reads from {@code VODHOOK_<KEY>} (e.g. {@code VODHOOK_VOD_ENDPOINT}). The
 * installer's {@code APPID} is the account's APPID ({@code 125xxxxxxx}), not a SubAppId: it is never read as
 * {@code subappid} (see {@link #appIdWarning}).
 */
public record Settings(Map<String, String> values, Map<String, String> origins) {

    /** Every key a config file may hold, with what it means. */
    public static final Map<String, String> KEYS = orderedKeys();
    /** Keys whose values are secrets: never printed, and a file holding one must be its owner's alone. */
    static final Set<String> SECRETS = Set.of("secret-key", "callback-token", "admin-token", "read-token", "sign-key",
            "notify", "notify-secret");
    private static final Map<String, String> INSTALLER_ENV = Map.of(
            "SECRET_ID", "secret-id", "SECRET_KEY", "secret-key");

    private static Map<String, String> orderedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("secret-id", "API key id (SecretId) used to call VOD");
        keys.put("secret-key", "API key secret (SecretKey); never printed");
        keys.put("region", "VOD region, e.g. ap-guangzhou");
        keys.put("subappid", "VOD application id (SubAppId); empty for the primary application");
        keys.put("definitions", "transcoding templates started on upload, e.g. [100010, 100020]");
        keys.put("vod-endpoint", "VOD API endpoint URL, e.g. https://vod.tencentcloudapi.com or http://127.0.0.1:9000");
        keys.put("port", "port of the public listener: callbacks and /healthz only (0 picks a free one)");
        keys.put("host", "address the public listener is on, e.g. 0.0.0.0 for VOD to reach it");
        keys.put("admin-port", "port of the admin listener: the operator API (/api), /metrics, /healthz (default 8081;"
                + " may equal port when both hosts are 127.0.0.1)");
        keys.put("admin-host", "address the admin listener is on (default 127.0.0.1; any other needs admin-token)");
        keys.put("admin-token", "bearer token every /api and /metrics request must carry; never printed");
        keys.put("read-token", "a second bearer token that may only read (GET); needs admin-token; never printed");
        keys.put("sign-key", "VOD's SignKey (ModifyEventConfig): callbacks must carry a valid Sign/T; during a"
                + " rotation the new and the previous key, comma-separated; never printed");
        keys.put("sign-skew", "clock difference allowed when checking T, e.g. 60s (default)");
        keys.put("database", "JDBC URL, e.g. jdbc:sqlite:./data/vodhook.db or jdbc:postgresql://host/db?user=..");
        keys.put("callback-token", "secret path segment: pushes are accepted only at /callback/<token>");
        keys.put("on-upload", "what a new upload starts: transcode (the definitions), procedure (the task flow named"
                + " by procedure) or none; procedure when only procedure is set, else transcode");
        keys.put("procedure", "task flow template started on upload with on-upload procedure, e.g. LongVideoPreset");
        keys.put("verify-uploads", "before an upload starts work, ask VOD (DescribeMediaInfos) that the FileId exists and"
                + " skip it when not, or when the media already has every output (default true)");
        keys.put("reconcile-after", "ask VOD (DescribeTaskDetail) about a task vodhook started once no event has come"
                + " for it this long, e.g. 10m (default)");
        keys.put("reconcile-every", "how often to look for such quiet tasks, e.g. 1m (default)");
        keys.put("intake", "how events come in: push (POST /callback), pull (PullEvents loop) or both");
        keys.put("pullers", "PullEvents loops run at once when pulling (default 8)");
        keys.put("intake-only", "true: take events in but leave processing to other instances on the same database");
        keys.put("dedupe-retention", "how long handled events (and their dedupe keys) are kept, e.g. 7d; at least 4d");
        keys.put("notify", "the application's endpoints for vodhook's notifications: a list of {url, secret (whsec_...,"
                + " or a list of two during a rotation), types (e.g. [media.ready, media.failed]; default all)}");
        keys.put("notify-url", "one endpoint for every notification (with notify-secret), e.g. https://app/hooks/vod");
        keys.put("notify-secret", "its whsec_ secret (see vodhook notify test)");
        keys.put("notify-retry", "waits between delivery attempts, then DEAD, e.g. 5s,5m,30m,2h,5h,10h,10h (default)");
        keys.put("notify-timeout", "an attempt succeeds on a 2xx within this, e.g. 15s (default)");
        return Collections.unmodifiableMap(keys);
    }

    public static Settings empty() {
        return new Settings(Map.of(), Map.of());
    }

    /**
     * Reads a YAML (or JSON) config file. Unknown keys are an error that lists the known ones, and so is a file
     * holding a secret that its group or others may read or write.
     */
    public Settings withFile(Path file) {
        return withFile(file, false);
    }

    /** @param insecure read a file holding a secret even when others may read it ({@code --insecure-config}) */
    public Settings withFile(Path file, boolean insecure) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return this;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must be a mapping of keys to values");
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (var it = root.properties().iterator(); it.hasNext(); ) {
            var field = it.next();
            String key = field.getKey().trim().toLowerCase().replace('_', '-');
            if (!KEYS.containsKey(key)) {
                throw new ConfigException("config file " + file + ": unknown key '" + field.getKey() + "'; known keys: " + String.join(", ", KEYS.keySet()));
            }
            read.put(key, key.equals("notify") ? field.getValue().toString() : scalar(field.getValue()));
        }
        if (!insecure) {
            refuseIfOthersMayRead(file, read);
        }
        return with(read, "file " + file);
    }

    /** A file holding a secret with group or other permissions is refused, saying which chmod to run. */
    private static void refuseIfOthersMayRead(Path file, Map<String, String> read) {
        List<String> secrets = read.entrySet().stream().filter(e -> SECRETS.contains(e.getKey()))
                .filter(e -> !e.getValue().isBlank()).map(Map.Entry::getKey).sorted().toList();
        if (secrets.isEmpty()) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return; // not a POSIX file system: nothing to check
        }
        Set<PosixFilePermission> shared = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
        shared.retainAll(permissions);
        if (!shared.isEmpty()) {
            throw new ConfigException("config file " + file + " holds " + String.join(", ", secrets) + " but its group or"
                    + " others may read or change it (" + PosixFilePermissions.toString(permissions) + "); make it yours"
                    + " alone:  chmod 600 " + shellQuoted(file.toString()) + "  (or start with --insecure-config)");
        }
    }

    private static String shellQuoted(String path) {
        return path.matches("[A-Za-z0-9_./@%+=:,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }

    /**
     * When env {@code APPID} is set and no {@code subappid} is: a warning that {@code APPID} is the account's APPID
     * and not the SubAppId, so every call goes to the primary application unless {@code subappid} is set.
     */
    public static Optional<String> appIdWarning(Map<String, String> env, Settings merged) {
        String appId = env.get("APPID");
        if (appId == null || appId.isBlank() || merged.get("subappid").isPresent()) {
            return Optional.empty();
        }
        return Optional.of("env APPID (" + appId.strip() + ") is the account's APPID, not a VOD SubAppId, and is not"
                + " read as one: calls go to the primary application. For a subapplication set subappid in the config"
                + " file, env VODHOOK_SUBAPPID or --subappid.");
    }

    /**
     * Env {@code APPID}, the account's APPID as the original installer means it: the local VOD ({@code vodhook
     * emulator}, {@code up}) uses it as its AppId when set.
     */
    public static Optional<Long> accountAppId(Map<String, String> env) {
        String raw = env.get("APPID");
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ConfigException("env APPID must be the account's APPID, a positive whole number such as 1250000000;"
                + " got '" + raw + "'");
    }

    /** Reads {@code SECRET_ID}, {@code SECRET_KEY} and {@code VODHOOK_*} from an environment. */
    public Settings withEnv(Map<String, String> env) {
        Map<String, String> read = new LinkedHashMap<>();
        INSTALLER_ENV.forEach((name, key) -> Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).ifPresent(v -> read.put(key, v)));
        for (String key : KEYS.keySet()) {
            String name = "VODHOOK_" + key.toUpperCase().replace('-', '_');
            Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).ifPresent(v -> read.put(key, v));
        }
        return with(read, "environment");
    }

    /** Flags given on the command line; null values (flag not given) are skipped. */
    public Settings withFlags(Map<String, String> flags) {
        Map<String, String> read = new LinkedHashMap<>();
        flags.forEach((k, v) -> {
            if (v != null) {
                read.put(k, v);
            }
        });
        return with(read, "flag");
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** One line per set key with where it came from; secrets shown as {@code ****}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) ->
                lines.add(k + " = " + (k.equals("notify") ? urlsOnly(v) : SECRETS.contains(k) ? "****" : v)
                        + "  (" + origins.get(k) + ")"));
        return lines;
    }

    /** The {@code notify} list with its secrets left out. */
    private static String urlsOnly(String notify) {
        try {
            List<String> urls = new ArrayList<>();
            new ObjectMapper().readTree(notify).forEach(e -> urls.add(e.path("url").asText("?")));
            return urls + " (secrets ****)";
        } catch (IOException e) {
            return "(not a list of endpoints)";
        }
    }

    private Settings with(Map<String, String> more, String origin) {
        Map<String, String> v = new LinkedHashMap<>(values);
        Map<String, String> o = new LinkedHashMap<>(origins);
        more.forEach((k, val) -> {
            v.put(k, val);
            o.put(k, origin);
        });
        return new Settings(Collections.unmodifiableMap(v), Collections.unmodifiableMap(o));
    }

    private static String scalar(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            return String.join(",", items);
        }
        if (node.isContainerNode()) {
            throw new ConfigException("config values must be scalars or lists, got " + node);
        }
        return node.isNull() ? "" : node.asText();
    }
}
