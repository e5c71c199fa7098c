package dev.vodhook.emulator.internal.api.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.IsoTime;
import dev.vodhook.emulator.internal.api.Param;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.processing.ProcedureTemplate;
import dev.vodhook.emulator.internal.processing.ProcedureTemplateRepository;
import java.util.List;
import java.util.Set;

/**
 * DescribeProcedureTemplates: presets, then the application's own templates; filtered by {@code Names} and
 * {@code Type} ({@code Preset} or {@code Custom}), paged by {@code Offset} and {@code Limit} (default 10, at most
 * 100). {@code TotalCount} counts every match.
 */
public final class DescribeProcedureTemplatesAction implements ApiAction {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final ProcedureTemplateRepository templates;

    public DescribeProcedureTemplatesAction(ProcedureTemplateRepository templates) {
        this.templates = templates;
    }

    record Request(List<String> names, String type, Long offset, Long limit) {
    }

    record Response(long totalCount, List<Item> procedureTemplateSet) {
    }

    /** VOD's {@code ProcedureTemplate}. */
    record Item(String name, String type, String comment, JsonNode mediaProcessTask, Object aiContentReviewTask,
                Object aiAnalysisTask, Object aiRecognitionTask, Object miniProgramPublishTask, String createTime,
                String updateTime) {
    }

    @Override
    public Object handle(ApiRequest request) {
        Request r = request.bind(Request.class);
        Param.oneOf(r.type(), Set.of(ProcedureTemplate.PRESET, ProcedureTemplate.CUSTOM), "Type");
        long offset = r.offset() == null ? 0 : r.offset();
        long limit = r.limit() == null ? DEFAULT_LIMIT : r.limit();
        if (offset < 0) {
            throw LocalVodApiError.invalidValue("Offset", "must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw LocalVodApiError.invalidValue("Limit", "must be 1 to " + MAX_LIMIT);
        }
        Set<String> names = r.names() == null ? Set.of() : Set.copyOf(r.names());
        List<ProcedureTemplate> matching = templates.all(request.subAppId()).stream()
                .filter(t -> names.isEmpty() || names.contains(t.name()))
                .filter(t -> r.type() == null || r.type().equals(t.type()))
                .toList();
        return new Response(matching.size(), matching.stream().skip(offset).limit(limit)
                .map(DescribeProcedureTemplatesAction::item).toList());
    }

    private static Item item(ProcedureTemplate t) {
        return new Item(t.name(), t.type(), t.comment(), t.procedure().mediaProcessTask(), null, null, null, null,
                IsoTime.format(t.createTime()), IsoTime.format(t.updateTime()));
    }
}
