package dev.vodhook.emulator.internal.processing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A named task flow template ("Procedure"), started by ApplyUpload's {@code Procedure} after CommitUpload.
 *
 * @param mediaProcessTask the same object ProcessMedia takes as {@code MediaProcessTask}
 */
public record Procedure(String name, ObjectNode mediaProcessTask) {
}
