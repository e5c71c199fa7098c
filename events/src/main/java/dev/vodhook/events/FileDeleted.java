package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code FileDeleted} event: one or more media, or parts of them, were deleted. A FileId listed in
 * {@code FileIdSet} without parts (an empty {@code DeleteParts}, or no {@code FileDeleteResultInfo} at all, as in
 * older events) was deleted whole.
 */
public record FileDeleted(List<Deletion> deletions) {

    /** What was deleted of one media: everything when {@code parts} is empty. */
    public record Deletion(String fileId, List<Part> parts) {

        public boolean wholeMedia() {
            return parts.isEmpty();
        }
    }

    /**
     * One deleted part.
     *
     * @param type       {@code OriginalFiles}, {@code TranscodeFiles}, {@code AdaptiveDynamicStreamingFiles},
     *                   {@code WechatPublishFiles} or {@code WechatMiniProgramPublishFiles}
     * @param definition the template whose outputs went; 0 = all outputs of that type
     */
    public record Part(String type, int definition) {

        public boolean allDefinitions() {
            return definition == 0;
        }
    }

    public static FileDeleted from(VodEvent event) {
        Views.require(event, "FileDeleted");
        JsonNode p = event.payload();
        Map<String, List<Part>> byFile = new LinkedHashMap<>();
        for (JsonNode id : p.has("FileIdSet") ? p.path("FileIdSet") : p.path("fileIdSet")) {
            String fileId = id.isNumber() ? Json.numberText(id) : id.asText("");
            if (!fileId.isBlank()) {
                byFile.putIfAbsent(fileId, List.of());
            }
        }
        for (JsonNode info : p.path("FileDeleteResultInfo")) {
            Json.text(info, "FileId").filter(id -> !id.isBlank())
                    .ifPresent(fileId -> byFile.put(fileId, parts(info.path("DeleteParts"))));
        }
        if (byFile.isEmpty()) {
            throw new MalformedEventException("FileDeleted names no FileId");
        }
        List<Deletion> deletions = new ArrayList<>();
        byFile.forEach((fileId, parts) -> deletions.add(new Deletion(fileId, parts)));
        return new FileDeleted(List.copyOf(deletions));
    }

    private static List<Part> parts(JsonNode array) {
        List<Part> parts = new ArrayList<>();
        for (JsonNode part : array) {
            Json.text(part, "Type").filter(t -> !t.isBlank())
                    .ifPresent(type -> parts.add(new Part(type, (int) Json.longOr(part, 0, "Definition"))));
        }
        return List.copyOf(parts);
    }
}
