package dev.vodhook.service.processing;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the processor starts, and how the reconciler keeps up with tasks whose events never came.
 *
 * @param onUpload       what a NewFileUpload starts ({@code on-upload}); transcode by default
 * @param procedure      the task flow template {@code on-upload: procedure} starts ({@code procedure})
 * @param reconcileAfter how long a task we started may stay quiet (no event) before the reconciler asks VOD
 *                       about it ({@code reconcile-after}, default 10 minutes)
 * @param reconcileEvery how often the reconciler looks for quiet tasks ({@code reconcile-every}, default 1 minute)
 * @param verifyUploads  before an upload starts a transcode or task flow, ask VOD (DescribeMediaInfos) whether the
 *                       FileId exists and look at what the media already has ({@code verify-uploads}, default on)
 */
public record ProcessingSettings(UploadAction onUpload, Optional<String> procedure, Duration reconcileAfter,
                                 Duration reconcileEvery, boolean verifyUploads) {

    public static final Duration DEFAULT_RECONCILE_AFTER = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofMinutes(1);

    public ProcessingSettings {
        Objects.requireNonNull(onUpload, "onUpload");
        procedure = procedure.map(String::strip).filter(p -> !p.isEmpty());
        if (onUpload == UploadAction.PROCEDURE && procedure.isEmpty()) {
            throw new IllegalArgumentException("on-upload procedure needs a task flow template name (procedure)");
        }
        requirePositive(reconcileAfter, "reconcileAfter");
        requirePositive(reconcileEvery, "reconcileEvery");
    }

    /** Transcode on upload after verifying it; reconcile tasks quiet for 10 minutes, looking every minute. */
    public static ProcessingSettings defaults() {
        return new ProcessingSettings(UploadAction.TRANSCODE, Optional.empty(), DEFAULT_RECONCILE_AFTER,
                DEFAULT_RECONCILE_EVERY, true);
    }

    public ProcessingSettings withOnUpload(UploadAction value) {
        return new ProcessingSettings(value, procedure, reconcileAfter, reconcileEvery, verifyUploads);
    }

    /** Starts the task flow template {@code name} on upload. */
    public ProcessingSettings withProcedure(String name) {
        return new ProcessingSettings(UploadAction.PROCEDURE, Optional.of(name), reconcileAfter, reconcileEvery,
                verifyUploads);
    }

    public ProcessingSettings withReconcileAfter(Duration value) {
        return new ProcessingSettings(onUpload, procedure, value, reconcileEvery, verifyUploads);
    }

    public ProcessingSettings withReconcileEvery(Duration value) {
        return new ProcessingSettings(onUpload, procedure, reconcileAfter, value, verifyUploads);
    }

    public ProcessingSettings withVerifyUploads(boolean value) {
        return new ProcessingSettings(onUpload, procedure, reconcileAfter, reconcileEvery, value);
    }

    @Override
    public String toString() {
        return "on-upload=" + onUpload.key() + procedure.map(p -> " procedure=" + p).orElse("")
                + " reconcile-after=" + reconcileAfter + " reconcile-every=" + reconcileEvery
                + " verify-uploads=" + verifyUploads;
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
