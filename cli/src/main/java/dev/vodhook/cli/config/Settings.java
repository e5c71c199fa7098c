package dev.vodhook.cli.config;

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
 * Settings as lower-case-dashed keys ({@link ConfigKeys}), merged in order: config file, then environment, then
 * flags. The keys follow the original demo's config.json ({@code secret-id}, {@code secret-key}, {@code region},
 * {@code definitions}, {@code subappid}); env {@code SECRET_ID} and {@code SECRET_KEY} work as in the original
 * installer, and every key also reads from {@code VODHOOK_<KEY>} (e.g. {@code VODHOOK_VOD_ENDPOINT}). The
 * installer's {@code APPID} is the account's APPID ({@code 125xxxxxxx}), not a SubAppId: it is never read as
 * {@code subappid} (see {@link #appIdWarning}).
 */
public record Settings(Map<String, String> values, Map<String, String> origins) {

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
            if (ConfigKeys.byName(key).isEmpty()) {
                throw new ConfigException("config file " + file + ": unknown key '" + field.getKey() + "'; known keys: "
                        + String.join(", ", ConfigKeys.names()));
            }
            JsonNode value = field.getValue();
            read.put(key, key.equals(ConfigKeys.NOTIFY.name()) ? value.toString() : scalar(value));
        }
        if (!insecure) {
            refuseIfOthersMayRead(file, read);
        }
        return with(read, "file " + file);
    }

    /** A file holding a secret with group or other permissions is refused, saying which chmod to run. */
    private static void refuseIfOthersMayRead(Path file, Map<String, String> read) {
        List<String> secrets = read.entrySet().stream()
                .filter(e -> ConfigKeys.byName(e.getKey()).orElseThrow().secret())
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

    /** Reads each key's environment variables ({@code SECRET_ID}, then {@code VODHOOK_SECRET_ID}, ...). */
    public Settings withEnv(Map<String, String> env) {
        Map<String, String> read = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            for (String name : key.env()) {
                Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank()).ifPresent(v -> read.put(key.name(), v));
            }
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

    /**
     * The key's value, parsed; a malformed one is a {@link ConfigException} naming the key, what it wants and where
     * the value came from.
     */
    public <T> Optional<T> value(ConfigKey<T> key) {
        return get(key.name()).map(raw -> {
            try {
                return key.parser().parse(key.name(), raw);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage() + " (" + origins.get(key.name()) + ")");
            }
        });
    }

    /** The key's value; when it has none, a {@link ConfigException} saying where to set it. */
    public <T> T required(ConfigKey<T> key) {
        return value(key).orElseThrow(() -> new ConfigException("no " + key.name() + ": set it in the config file, env "
                + key.env().getFirst() + key.flag().map(f -> ", or " + f).orElse("")));
    }

    /** One line per set key with where it came from; secrets shown as {@code ****}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(values).forEach((k, v) -> lines.add(k + " = " + shown(ConfigKeys.byName(k).orElseThrow(), v)
                + "  (" + origins.get(k) + ")"));
        return lines;
    }

    private static String shown(ConfigKey<?> key, String value) {
        return switch (key.shown()) {
            case PLAIN -> value;
            case SECRET -> "****";
            case URLS_ONLY -> urlsOnly(value);
        };
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
