package dev.vodhook.emulator;

import java.time.Instant;

/**
 * A task flow template as DescribeProcedureTemplates lists it.
 *
 * @param type {@code Preset} (built in) or {@code Custom} (made with CreateProcedureTemplate)
 */
record ProcedureTemplate(Procedure procedure, String type, String comment, Instant createTime, Instant updateTime) {

    static final String PRESET = "Preset";
    static final String CUSTOM = "Custom";

    String name() {
        return procedure.name();
    }
}
