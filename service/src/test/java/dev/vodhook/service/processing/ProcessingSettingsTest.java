package dev.vodhook.service.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.vod.SessionIds;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessingSettingsTest {
    @Test
    void defaultsTranscodeAndReconcileAfterTenQuietMinutes() {
        ProcessingSettings p = ServiceConfig.defaults().processing();

        assertThat(p.onUpload()).isEqualTo(UploadAction.TRANSCODE);
        assertThat(p.procedure()).isEmpty();
        assertThat(p.reconcileAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(p.reconcileEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.verifyUploads()).isTrue();
        assertThat(ServiceConfig.defaults().redacted())
                .contains("on-upload=transcode reconcile-after=PT10M reconcile-every=PT1M verify-uploads=true");
        assertThat(p.withVerifyUploads(false).withProcedure("x").verifyUploads()).isFalse();
    }

    @Test
    void aProcedureNeedsAName() {
        ProcessingSettings p = ProcessingSettings.defaults().withProcedure("LongVideoPreset");

        assertThat(p.onUpload()).isEqualTo(UploadAction.PROCEDURE);
        assertThat(p.toString()).startsWith("on-upload=procedure procedure=LongVideoPreset");
        assertThatThrownBy(() -> ProcessingSettings.defaults().withOnUpload(UploadAction.PROCEDURE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task flow template name");
        assertThatThrownBy(() -> ProcessingSettings.defaults().withProcedure("  "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessingSettings.defaults().withReconcileAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new ProcessingSettings(UploadAction.NONE, Optional.of(" x "), Duration.ofSeconds(1),
                Duration.ofSeconds(1), true).procedure()).contains("x");
    }

    @Test
    void uploadActionsParseFromTheirConfigSpelling() {
        assertThat(List.of("transcode", "PROCEDURE", " none ")).map(UploadAction::parse)
                .containsExactly(UploadAction.TRANSCODE, UploadAction.PROCEDURE, UploadAction.NONE);
        assertThat(UploadAction.PROCEDURE.key()).isEqualTo("procedure");
        assertThatThrownBy(() -> UploadAction.parse("transcribe")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("on-upload must be transcode, procedure or none, got 'transcribe'");
    }

    @Test
    void procedureSessionIdsAreStablePerFileAndTemplateAndDistinctFromTranscodes() {
        String id = SessionIds.procedure("14508071098244959037", "LongVideoPreset");

        assertThat(id).matches("vodhook-[0-9a-f]{40}").hasSizeLessThanOrEqualTo(SessionIds.MAX_LENGTH);
        assertThat(SessionIds.procedure("14508071098244959037", "LongVideoPreset")).isEqualTo(id);
        assertThat(SessionIds.procedure("14508071098244959037", "Other")).isNotEqualTo(id);
        assertThat(SessionIds.procedure("14508071098244959038", "LongVideoPreset")).isNotEqualTo(id);
    }
}
