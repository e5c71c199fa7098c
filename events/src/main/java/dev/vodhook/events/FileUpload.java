package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code NewFileUpload} event: a media file arrived in VOD. The legacy 2.0 form
 * ({@code data.fileId}, {@code fileName}, {@code fileUrl}, {@code procedureTaskId},
 * {@code transcodeTaskId}, {@code sourceContext}; vod-protocol.md §3.5) maps to the same view.
 *
 * @param procedureTaskId the task flow the upload itself started; empty when it named none. For a
 *                        2.0 event also the transcoding task the upload started
 *                        ({@code transcodeTaskId}): either way VOD is already processing the file
 */
public record FileUpload(String fileId, String procedureTaskId, String name, String mediaUrl, String sourceContext) {

    public static FileUpload from(VodEvent event) {
        if (!"NewFileUpload".equals(event.eventType())) {
            throw new MalformedEventException("expected a NewFileUpload event, got " + event.eventType());
        }
        JsonNode p = event.payload();
        String fileId = event.fileId().orElseThrow(() -> new MalformedEventException("NewFileUpload without a FileId"));
        if (event.format() == EventFormat.V2) {
            return new FileUpload(fileId,
                    firstNonEmpty(p, "procedureTaskId", "transcodeTaskId", "vodTaskId"),
                    Json.textOr(p, "", "fileName"),
                    Json.textOr(p, "", "fileUrl"),
                    Json.textOr(p, "", "sourceContext"));
        }
        JsonNode info = Json.object(p, "MediaBasicInfo", "mediaBasicInfo");
        return new FileUpload(fileId,
                Json.textOr(p, "", "ProcedureTaskId", "procedureTaskId", "vodTaskId"),
                Json.textOr(info, "", "Name", "name"),
                Json.textOr(info, Json.textOr(p, "", "mediaUrl", "MediaUrl"), "MediaUrl", "mediaUrl"),
                Json.textOr(Json.object(info, "SourceInfo", "sourceInfo"), Json.textOr(p, "", "sourceContext"),
                        "SourceContext", "sourceContext"));
    }

    private static String firstNonEmpty(JsonNode p, String... names) {
        for (String name : names) {
            String value = Json.textOr(p, "", name);
            if (!value.isEmpty()) {
                return value;
            }
        }
        return "";
    }
}
