package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The media file a task made ({@code Output} of EditMedia and ComposeMedia): it has a FileId of its own. Fields VOD
 * did not send are empty.
 *
 * @param fileType container of the file, e.g. {@code mp4}
 */
public record ProducedMedia(String fileId, String url, String name, String fileType) {

    static ProducedMedia from(JsonNode output) {
        return new ProducedMedia(
                Json.textOr(output, "", "FileId", "fileId"),
                Json.textOr(output, "", "FileUrl", "fileUrl"),
                Json.textOr(output, "", "MediaName", "mediaName"),
                Json.textOr(output, "", "FileType", "fileType"));
    }

    public boolean exists() {
        return !fileId.isBlank();
    }
}
