package dev.vodhook.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodhook.store.inbox.Inbox;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A media's cover when no task made one (CoverBySnapshot): the {@code CoverUrl} its NewFileUpload names (a cover
 * uploaded with the media), read from the raw event the inbox keeps.
 */
final class Covers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Covers() {}

    static Map<String, String> uploaded(Inbox inbox, Collection<String> fileIds) {
        Map<String, String> covers = new HashMap<>();
        inbox.firstBodies("NewFileUpload", fileIds).forEach((fileId, body) ->
                coverUrl(body).ifPresent(url -> covers.put(fileId, url)));
        return covers;
    }

    static Optional<String> coverUrl(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode info = root.path("FileUploadEvent").path("MediaBasicInfo");
            String url = info.path("CoverUrl").asText(root.path("data").path("coverUrl").asText(""));
            return url.startsWith("http://") || url.startsWith("https://") ? Optional.of(url) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
