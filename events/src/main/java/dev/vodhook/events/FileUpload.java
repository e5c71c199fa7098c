package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code NewFileUpload} event: a media file arrived in VOD.
 *
 * @param procedureTaskId the task flow the upload itself started; empty when it named none
 */
public record FileUpload(String fileId, String procedureTaskId, String name, String mediaUrl, String sourceContext) {

    public static FileUpload from(VodEvent event) {
        if (!"NewFileUpload".equals(event.eventType())) {
            throw new MalformedEventException("expected a NewFileUpload event, got " + event.eventType());
        }
        JsonNode p = event.payload();
        String fileId = event.fileId().orElseThrow(() -> new MalformedEventException("NewFileUpload without a FileId"));
        JsonNode info = Json.object(p, "MediaBasicInfo", "mediaBasicInfo");
        return new FileUpload(fileId,
                Json.textOr(p, "", "ProcedureTaskId", "procedureTaskId", "vodTaskId"),
                Json.textOr(info, "", "Name", "name"),
                Json.textOr(info, Json.textOr(p, "", "mediaUrl", "MediaUrl"), "MediaUrl", "mediaUrl"),
                Json.textOr(Json.object(info, "SourceInfo", "sourceInfo"), Json.textOr(p, "", "sourceContext"),
                        "SourceContext", "sourceContext"));
    }
}
