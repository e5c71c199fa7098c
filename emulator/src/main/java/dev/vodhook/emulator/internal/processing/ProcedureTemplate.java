package dev.vodhook.emulator.internal.processing;

import java.time.Instant;

/**
 * A task flow template as DescribeProcedureTemplates lists it.
 *
 * @param type {@code Preset} (built in) or {@code Custom} (made with CreateProcedureTemplate)
 */
public record ProcedureTemplate(Procedure procedure, String type, String comment, Instant createTime,
        Instant updateTime) {

    public static final String PRESET = "Preset";
    public static final String CUSTOM = "Custom";

    public String name() {
        return procedure.name();
    }
}
