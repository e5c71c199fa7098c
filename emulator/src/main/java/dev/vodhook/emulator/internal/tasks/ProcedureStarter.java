package dev.vodhook.emulator.internal.tasks;

import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.media.Media;
import dev.vodhook.emulator.internal.processing.ProcedureTemplateRepository;
import dev.vodhook.emulator.internal.processing.ProcessingPlan;
import java.util.Optional;

/**
 * Starts the task flow a new media names (ApplyUpload's {@code Procedure}, PullUpload's {@code Procedure},
 * EditMedia's {@code ProcedureName}) as the system would: {@code TasksNotifyMode Finish}, {@code Operator System}.
 */
public final class ProcedureStarter {

    private final ProcedureTemplateRepository templates;
    private final ProcedureRunner runner;

    public ProcedureStarter(ProcedureTemplateRepository templates, ProcedureRunner runner) {
        this.templates = templates;
        this.runner = runner;
    }

    /** The TaskId of the started flow; {@code ""} when no flow is named or the name is no longer known. */
    public String start(Media m, Optional<String> procedure, long priority, String sessionContext) {
        return procedure.flatMap(name -> templates.find(m.subAppId(), name))
                .map(p -> runner.start(m, ProcessingPlan.parse(p.mediaProcessTask()),
                        new ProcedureRunner.Options(priority, "Finish", sessionContext, "", "System")))
                .orElse("");
    }

    /** Fails with {@code InvalidParameterValue} when {@code procedure} names no template the application has. */
    public void requireKnown(long subAppId, Optional<String> procedure, String parameter) {
        if (procedure.isPresent() && templates.find(subAppId, procedure.get()).isEmpty()) {
            throw LocalVodApiError.invalidValue(parameter, "task flow template '" + procedure.get()
                    + "' does not exist");
        }
    }
}
