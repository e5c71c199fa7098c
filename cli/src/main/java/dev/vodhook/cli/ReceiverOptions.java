package dev.vodhook.cli;

import static dev.vodhook.cli.config.ConfigKeys.ADMIN_HOST;
import static dev.vodhook.cli.config.ConfigKeys.ADMIN_PORT;
import static dev.vodhook.cli.config.ConfigKeys.ADMIN_TOKEN;
import static dev.vodhook.cli.config.ConfigKeys.CALLBACK_TOKEN;
import static dev.vodhook.cli.config.ConfigKeys.DATABASE;
import static dev.vodhook.cli.config.ConfigKeys.DEDUPE_RETENTION;
import static dev.vodhook.cli.config.ConfigKeys.DEFINITIONS;
import static dev.vodhook.cli.config.ConfigKeys.HOST;
import static dev.vodhook.cli.config.ConfigKeys.INTAKE_MODE;
import static dev.vodhook.cli.config.ConfigKeys.INTAKE_ONLY;
import static dev.vodhook.cli.config.ConfigKeys.NOTIFY;
import static dev.vodhook.cli.config.ConfigKeys.NOTIFY_RETRY;
import static dev.vodhook.cli.config.ConfigKeys.NOTIFY_SECRET;
import static dev.vodhook.cli.config.ConfigKeys.NOTIFY_TIMEOUT;
import static dev.vodhook.cli.config.ConfigKeys.NOTIFY_URL;
import static dev.vodhook.cli.config.ConfigKeys.ON_UPLOAD;
import static dev.vodhook.cli.config.ConfigKeys.PORT;
import static dev.vodhook.cli.config.ConfigKeys.PROCEDURE;
import static dev.vodhook.cli.config.ConfigKeys.PULLERS;
import static dev.vodhook.cli.config.ConfigKeys.READ_TOKEN;
import static dev.vodhook.cli.config.ConfigKeys.RECONCILE_AFTER;
import static dev.vodhook.cli.config.ConfigKeys.RECONCILE_EVERY;
import static dev.vodhook.cli.config.ConfigKeys.SIGN_KEY;
import static dev.vodhook.cli.config.ConfigKeys.SIGN_SKEW;
import static dev.vodhook.cli.config.ConfigKeys.VERIFY_UPLOADS;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.ConfigFileOptions;
import dev.vodhook.cli.config.ConfigGroup;
import dev.vodhook.cli.config.GroupOptions;
import dev.vodhook.cli.config.Settings;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.intake.IntakeSettings;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.processing.ProcessingSettings;
import dev.vodhook.service.processing.UploadAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Mixin;

/**
 * The receiver's flags ({@code serve}): the config file and every group's flags, and how the settings become a
 * {@link ServiceConfig}: config file, then environment, then these flags.
 */
public final class ReceiverOptions {

    @Mixin
    ConfigFileOptions file;

    @Mixin
    GroupOptions vod = new GroupOptions(ConfigGroup.VOD);

    @Mixin
    GroupOptions listeners = new GroupOptions(ConfigGroup.LISTENERS);

    @Mixin
    GroupOptions processing = new GroupOptions(ConfigGroup.PROCESSING);

    @Mixin
    GroupOptions intake = new GroupOptions(ConfigGroup.INTAKE);

    Settings settings(Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (GroupOptions group : List.of(vod, listeners, processing, intake)) {
            flags.putAll(group.flags());
        }
        return file.settings(env, flags);
    }

    /** Builds the receiver's config; missing or malformed settings are a {@link ConfigException}. */
    static ServiceConfig serviceConfig(Settings s) {
        ServiceConfig c = VodAccess.config(s);
        c = s.value(PORT).map(c::withPort).orElse(c);
        c = s.value(HOST).map(c::withBindHost).orElse(c);
        c = s.value(DEFINITIONS).map(c::withDefinitions).orElse(c);
        c = s.value(DATABASE).map(c::withDatabaseUrl).orElse(c);
        c = s.value(CALLBACK_TOKEN).map(c::withCallbackToken).orElse(c);
        c = c.withProcessing(processing(s)).withIntake(intake(s, c.intake())).withNotifications(notifications(s));
        return access(s, c);
    }

    /** {@code admin-port}, {@code admin-host}, the tokens and the sign keys, then what they would expose. */
    private static ServiceConfig access(Settings s, ServiceConfig c) {
        c = s.value(ADMIN_PORT).map(c::withAdminPort).orElse(c);
        c = s.value(ADMIN_HOST).map(c::withAdminHost).orElse(c);
        c = s.value(ADMIN_TOKEN).map(c::withAdminToken).orElse(c);
        c = s.value(READ_TOKEN).map(c::withReadToken).orElse(c);
        try {
            c = s.value(SIGN_KEY).map(c::withSignKeys).orElse(c);
            ServiceConfig signed = c;
            c = s.value(SIGN_SKEW).map(skew -> signed.withSignature(signed.signature().withSkew(skew))).orElse(c);
            return c.checkExposure();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * {@code notify} (a list of endpoints), {@code notify-url} with {@code notify-secret}, {@code notify-retry},
     * {@code notify-timeout}.
     */
    static NotifySettings notifications(Settings s) {
        try {
            List<NotifyEndpoint> endpoints = new ArrayList<>(s.value(NOTIFY).orElse(List.of()));
            if (s.value(NOTIFY_URL).isPresent()) {
                List<String> secret = s.value(NOTIFY_SECRET).orElseThrow(() -> new ConfigException(
                        "notify-url is set but notify-secret is not: give the endpoint's whsec_ secret"));
                endpoints.add(new NotifyEndpoint(s.value(NOTIFY_URL).orElseThrow(), secret, Set.of()));
            }
            NotifySettings n = NotifySettings.defaults().withEndpoints(endpoints);
            n = s.value(NOTIFY_TIMEOUT).map(n::withTimeout).orElse(n);
            return s.value(NOTIFY_RETRY).map(n::withRetry).orElse(n);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /**
     * {@code on-upload}, {@code procedure}, {@code verify-uploads}, {@code reconcile-after},
     * {@code reconcile-every}. */
    private static ProcessingSettings processing(Settings s) {
        ProcessingSettings p = ProcessingSettings.defaults();
        Optional<String> procedure = s.value(PROCEDURE);
        UploadAction action = s.value(ON_UPLOAD)
                .orElse(procedure.isPresent() ? UploadAction.PROCEDURE : UploadAction.TRANSCODE);
        if (action == UploadAction.PROCEDURE) {
            p = p.withProcedure(procedure.orElseThrow(() -> new ConfigException("on-upload is procedure but no"
                    + " procedure is set: name the task flow template, e.g. procedure: LongVideoPreset")));
        } else {
            p = p.withOnUpload(action);
        }
        p = s.value(VERIFY_UPLOADS).map(p::withVerifyUploads).orElse(p);
        p = s.value(RECONCILE_AFTER).map(p::withReconcileAfter).orElse(p);
        return s.value(RECONCILE_EVERY).map(p::withReconcileEvery).orElse(p);
    }

    private static IntakeSettings intake(Settings s, IntakeSettings intake) {
        try {
            intake = s.value(INTAKE_MODE).map(intake::withMode).orElse(intake);
            intake = s.value(PULLERS).map(intake::withPullers).orElse(intake);
            intake = s.value(INTAKE_ONLY).map(intake::withIntakeOnly).orElse(intake);
            return s.value(DEDUPE_RETENTION).map(intake::withDedupeRetention).orElse(intake);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
