package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.ConfigGroup;
import dev.vodhook.cli.config.ConfigKeys;
import dev.vodhook.cli.config.GroupOptions;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.vod.EventConfigApi;
import dev.vodhook.service.vod.VodApiException;
import dev.vodhook.service.vod.VodEventConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vodhook setup}: the application's event config, changed safely, then tested. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {"Sets up the VOD application's event config, safely, and tests it.",
                "Shows the event config (DescribeEventConfig), plans the change (--mode push --callback-url URL"
                        + " with a SignKey, or --mode pull; upload and delete events on), applies it"
                        + " (ModifyEventConfig) and tests it: a signed probe to the callback URL that the receiver's"
                        + " admin API confirms (push), or DescribeEventsState (pull).",
                "Refuses to replace another callback URL or mode without --force: someone may depend on it.",
                "Exit codes: 0 done or nothing to change, and tested; 2 bad settings or a VOD error; 3 refused;"
                        + " 4 applied but the test failed. See docs/setup.md."})
public final class SetupCommand implements Callable<Integer> {
    static final int REFUSED = 3;
    static final int TEST_FAILED = 4;

    @Spec
    CommandSpec spec;

    @Option(names = "--mode", required = true, paramLabel = "push|pull", description = "push: VOD posts events to"
            + " --callback-url (normal callback); pull: vodhook calls PullEvents (reliable callback)")
    String mode;

    @Option(names = "--callback-url", paramLabel = "URL", description = "with push: the public address of the"
            + " receiver's callback route, token included, e.g. https://hooks.example.com/callback/<token>")
    String callbackUrl;

    @Option(names = "--config", paramLabel = "FILE", description = "the receiver's config file: credentials, subappid,"
            + " admin-token are read from it, and a generated sign-key is written into it (mode 0600)")
    Path configFile;

    @Option(names = "--insecure-config", description = "read the config file even if its group or others may read it")
    boolean insecureConfig;

    @Option(names = "--sign-key", paramLabel = "KEY", description = "the SignKey (up to 32 letters and digits);"
            + " default: the config file's sign-key, else a new random one written into it")
    String signKey;

    @Option(names = "--force", description = "replace another callback URL or mode, and send the config even if"
            + " nothing seems to change")
    boolean force;

    @Option(names = "--dry-run", description = "print the plan; change nothing")
    boolean dryRun;

    @Option(names = "--admin-url", paramLabel = "URL", description = "the receiver's admin listener, to confirm the"
            + " probe (default http://127.0.0.1:<admin-port from the config, else 8081>)")
    String adminUrl;

    @Option(names = "--admin-token", description = "the receiver's admin or read token (default: the config's"
            + " admin-token, env VODHOOK_ADMIN_TOKEN)")
    String adminToken;

    @Mixin
    GroupOptions vod = new GroupOptions(ConfigGroup.VOD);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Settings s = settings(System.getenv());
        Settings.appIdWarning(System.getenv(), s).ifPresent(w -> err.println("vodhook: warning: " + w));
        ServiceConfig access = VodAccess.config(s);
        EventConfigApi api = EventConfigApi.create(access);
        String app = access.subAppId().map(id -> "SubAppId " + id).orElse("the primary application");
        VodEventConfig before = call(api::describe, "DescribeEventConfig");
        out.println("Event config of " + app + " at " + access.vodEndpoint() + ": mode " + before.mode()
                + ", callback URL " + shown(before.notificationUrl())
                + ", upload events " + before.uploadSwitch() + ", delete events " + before.deleteSwitch());
        SetupPlan plan = plan(s, before);
        out.println("Plan:");
        plan.print(out);
        Optional<String> risk = plan.risk();
        if (risk.isPresent() && !force) {
            out.flush();
            err.println("vodhook: refusing to change the event config of " + app + ": " + risk.get() + ". Someone"
                    + " else may depend on it: the VOD documentation warns that changing the event notification"
                    + " address of an account that already has a production environment may break it. Make sure"
                    + " nothing uses it (or give vodhook an application of its own with --subappid), then run again"
                    + " with --force.");
            err.flush();
            return REFUSED;
        }
        if (dryRun) {
            out.println("Dry run: nothing changed" + (plan.changesSomething() ? "." : "; nothing would change."));
            out.flush();
            return 0;
        }
        if (plan.changesSomething() || force) {
            apply(api, plan, s, out);
        } else {
            out.println("Nothing to change: " + app + " is already set up this way." + (plan.signKey().isPresent()
                    ? " VOD does not report its SignKey, so the sign-key is taken as set; if it was never given to VOD"
                    + " (e.g. the URL was set in the console), run again with --force to send it." : ""));
        }
        out.flush();
        return test(api, plan, s, out, err);
    }

    private void apply(EventConfigApi api, SetupPlan plan, Settings s, PrintWriter out) {
        if (plan.keyChanges() && configFile != null) {
            // the previous key stays accepted beside the new one, for pushes VOD signed before the change
            String key = plan.signKey().orElseThrow();
            Optional<String> previous = s.get(ConfigKeys.SIGN_KEY.name()).map(k -> k.split(",")[0].strip())
                    .filter(k -> !k.equals(key));
            SignKeyFile.write(configFile, previous.map(p -> key + "," + p).orElse(key));
            out.println("Wrote sign-key into " + configFile + " (mode 0600" + (previous.isPresent()
                    ? "; the previous key is kept after it, for pushes signed before the change" : "")
                    + "); restart the receiver so that it reads it.");
        }
        call(() -> {
            api.modify(plan.after(), plan.signKey());
            return null;
        }, "ModifyEventConfig");
        VodEventConfig now = call(api::describe, "DescribeEventConfig");
        out.println("Applied with ModifyEventConfig; DescribeEventConfig now reports mode " + now.mode()
                + ", callback URL " + shown(now.notificationUrl())
                + ", upload events " + now.uploadSwitch() + ", delete events " + now.deleteSwitch()
                + (now.equals(plan.after()) ? "" : "  (NOT as planned)"));
    }

    private int test(EventConfigApi api, SetupPlan plan, Settings s, PrintWriter out, PrintWriter err) {
        if (VodEventConfig.PULL.equals(plan.after().mode())) {
            long waiting = call(api::eventsToPull, "DescribeEventsState");
            out.println("Test: the pull queue answers these credentials (DescribeEventsState: about " + waiting
                    + " events waiting; none taken). Run the receiver with intake: pull.");
            out.flush();
            return 0;
        }
        String nonce = UUID.randomUUID().toString();
        URI url = URI.create(plan.after().notificationUrl());
        out.println("Test: sending a signed setup probe " + nonce + " to " + redacted(url));
        out.flush();
        boolean verified;
        try {
            verified = new CallbackProbe(Duration.ofSeconds(10), Clock.systemUTC()).send(url, nonce, plan.signKey().orElseThrow());
        } catch (CallbackProbe.Failed e) {
            return failed(err, "the probe did not get through: " + e.getMessage());
        }
        ReceiverApi receiver = new ReceiverApi(adminBase(s), s.get("admin-token"));
        Optional<JsonNode> seen;
        try {
            seen = receiver.probe(nonce);
        } catch (IOException e) {
            return failed(err, "the probe was answered, but the receiver's admin API at " + receiver.base()
                    + " could not confirm it: " + e.getMessage() + " (--admin-url, --admin-token)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(err, "interrupted");
        }
        if (seen.isEmpty()) {
            return failed(err, "the probe was answered, but the receiver at " + receiver.base() + " has not seen it:"
                    + " the callback URL leads to another receiver (--admin-url names the one to ask)");
        }
        if (!verified || !seen.get().path("verified").asBoolean(false)) {
            return failed(err, "the receiver took the probe without checking its signature: it has no sign-key;"
                    + " restart it with the config file that holds it (sign-key)");
        }
        out.println("Test passed: the receiver at " + receiver.base() + " got the probe through " + redacted(url)
                + " and verified its Sign/T at " + seen.get().path("receivedAt").asText() + ".");
        out.flush();
        return 0;
    }

    private static int failed(PrintWriter err, String message) {
        err.println("vodhook: setup test failed: " + message);
        err.flush();
        return TEST_FAILED;
    }

    private SetupPlan plan(Settings s, VodEventConfig before) {
        String m = mode.strip().toUpperCase(Locale.ROOT);
        if (m.equals(VodEventConfig.PULL)) {
            if (callbackUrl != null) {
                throw new ConfigException("--callback-url is for --mode push; in pull mode vodhook calls PullEvents");
            }
            return new SetupPlan(before, VodEventConfig.wanted(m, before.notificationUrl()), Optional.empty(), "", false);
        }
        if (!m.equals(VodEventConfig.PUSH)) {
            throw new ConfigException("--mode must be push or pull, got '" + mode + "'");
        }
        if (callbackUrl == null || callbackUrl.isBlank()) {
            throw new ConfigException("--mode push needs --callback-url: the public address of the receiver's callback"
                    + " route, e.g. https://hooks.example.com/callback/<callback-token>");
        }
        URI url;
        try {
            url = URI.create(callbackUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--callback-url is not a URL: " + e.getMessage());
        }
        if (url.getHost() == null || url.getScheme() == null
                || !(url.getScheme().equalsIgnoreCase("http") || url.getScheme().equalsIgnoreCase("https"))) {
            throw new ConfigException("--callback-url must be an http(s) URL, e.g. https://hooks.example.com/callback/<token>");
        }
        Optional<String> configured = s.get(ConfigKeys.SIGN_KEY.name()).map(k -> k.split(",")[0].strip());
        String key;
        String note;
        boolean changes;
        if (signKey != null) {
            key = signKey.strip();
            changes = configFile != null && !configured.equals(Optional.of(key));
            note = "set: --sign-key" + (changes ? ", written to " + configFile : "");
        } else if (configured.isPresent()) {
            key = configured.get();
            changes = false;
            note = "set: sign-key (" + s.origins().get(ConfigKeys.SIGN_KEY.name()) + ")";
        } else if (configFile != null) {
            key = SignKeyFile.generate(new SecureRandom());
            changes = true;
            note = "set: generated, written to " + configFile;
        } else {
            throw new ConfigException("push needs a SignKey: give --config FILE (the receiver's config, where a"
                    + " generated sign-key is written) or --sign-key KEY");
        }
        if (!SignKeyFile.VALID.matcher(key).matches()) {
            throw new ConfigException("a SignKey is 1 to 32 letters and digits (VOD's rule)");
        }
        return new SetupPlan(before, VodEventConfig.wanted(m, url.toString()), Optional.of(key), note, changes);
    }

    private Settings settings(Map<String, String> env) {
        Settings s = Settings.empty();
        if (configFile != null && java.nio.file.Files.exists(configFile)) {
            s = s.withFile(configFile, insecureConfig);
        }
        Map<String, String> flags = new LinkedHashMap<>(vod.flags());
        if (adminToken != null) {
            flags.put(ConfigKeys.ADMIN_TOKEN.name(), adminToken);
        }
        return s.withEnv(env).withFlags(flags);
    }

    private URI adminBase(Settings s) {
        String base = adminUrl != null ? adminUrl.strip() : "http://127.0.0.1:" + s.get(ConfigKeys.ADMIN_PORT.name())
                .orElse(ConfigKeys.ADMIN_PORT.defaultValue().orElseThrow());
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            uri = URI.create("invalid:x");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new ConfigException("--admin-url must look like http://127.0.0.1:8081, got '" + base + "'");
        }
        return uri;
    }

    /** The callback URL with its token (what follows /callback/) hidden: the token is a secret. */
    static String redacted(URI url) {
        return shown(url.toString());
    }

    static String shown(String url) {
        if (url.isEmpty()) {
            return "(none)";
        }
        int at = url.indexOf("/callback/");
        return at < 0 ? url : url.substring(0, at) + "/callback/<token>";
    }

    private interface VodCall<T> {
        T run();
    }

    private static <T> T call(VodCall<T> call, String action) {
        try {
            return call.run();
        } catch (VodApiException e) {
            throw new UserFacingException(action + " failed: " + e.getMessage() + (e.code().startsWith("AuthFailure")
                    ? " (check secret-id and secret-key)" : e.code().equals("Transport")
                    ? " (is vod-endpoint reachable?)" : ""), e);
        }
    }
}
