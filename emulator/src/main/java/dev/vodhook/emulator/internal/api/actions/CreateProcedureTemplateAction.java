package dev.vodhook.emulator.internal.api.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.processing.Procedure;
import dev.vodhook.emulator.internal.processing.ProcedureTemplate;
import dev.vodhook.emulator.internal.processing.ProcedureTemplateRepository;
import dev.vodhook.emulator.internal.processing.ProcessingPlan;

/**
 * CreateProcedureTemplate: a named task flow of the same sub-tasks ProcessMedia takes ({@code MediaProcessTask},
 * checked the same way), usable at once as ApplyUpload's {@code Procedure}. A taken name is
 * {@code InvalidParameter.ExistedProcedureName}; the AI tasks are refused ({@code UnsupportedOperation}).
 */
public final class CreateProcedureTemplateAction implements ApiAction {

    static final int MAX_NAME = 20;
    static final int MAX_COMMENT = 256;

    private final ProcedureTemplateRepository templates;

    public CreateProcedureTemplateAction(ProcedureTemplateRepository templates) {
        this.templates = templates;
    }

    record Request(String name, String comment, JsonNode mediaProcessTask, JsonNode aiContentReviewTask,
                   JsonNode aiAnalysisTask, JsonNode aiRecognitionTask) {
    }

    record Response() {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        String name = Param.required(r.name(), "Name");
        Param.maxLength(name, MAX_NAME, "Name", LocalVodApiError.INVALID_PARAMETER);
        Param.maxLength(r.comment(), MAX_COMMENT, "Comment", LocalVodApiError.INVALID_PARAMETER);
        for (JsonNode ai : new JsonNode[] {r.aiContentReviewTask(), r.aiAnalysisTask(), r.aiRecognitionTask()}) {
            if (ai != null && !ai.isNull()) {
                throw new LocalVodApiError(LocalVodApiError.UNSUPPORTED_OPERATION,
                        "AI tasks in task flows are not supported by the local VOD.");
            }
        }
        ProcessingPlan.parse(r.mediaProcessTask());
        ObjectNode task = ((ObjectNode) r.mediaProcessTask()).deepCopy();
        templates.add(request.subAppId(), new ProcedureTemplate(new Procedure(name, task), ProcedureTemplate.CUSTOM,
                r.comment() == null ? "" : r.comment(), request.now(), request.now()));
        return new Response();
    }
}
