package dev.vodhook.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code ComposeMediaComplete} event: a ComposeMedia task ended. On success its output is a new media;
 * {@code sourceFileIds} are the media its tracks used, each once, in track order. The output FileId may be a JSON
 * number in VOD's doc sample; it is read as text, digit for digit.
 */
public record ComposeMediaComplete(String taskId, String status, long errCode, String message,
                                   List<String> sourceFileIds, ProducedMedia output, String sessionId,
                                   String sessionContext) {

    /** The track item fields that name a source media. */
    private static final List<String> ITEMS = List.of("VideoItem", "AudioItem", "StickerItem");

    public static ComposeMediaComplete from(VodEvent event) {
        Views.require(event, "ComposeMediaComplete");
        JsonNode p = event.payload();
        Set<String> sources = new LinkedHashSet<>();
        for (JsonNode track : Json.object(p, "Input", "input").path("Tracks")) {
            for (JsonNode item : track.path("TrackItems")) {
                for (String field : ITEMS) {
                    Json.text(item.path(field), "SourceMedia").filter(s -> !s.isBlank()).ifPresent(sources::add);
                }
            }
        }
        return new ComposeMediaComplete(
                Views.taskId(event),
                Json.textOr(p, "", "Status", "status"),
                Json.longOr(p, 0, "ErrCode", "errCode"),
                Json.textOr(p, "", "Message", "message"),
                List.copyOf(sources),
                ProducedMedia.from(Json.object(p, "Output", "output")),
                Json.textOr(p, "", "SessionId", "sessionId"),
                Json.textOr(p, "", "SessionContext", "sessionContext"));
    }

    /** The task has ended ({@code FINISH} or {@code ABORTED}), successfully or not. */
    public boolean finished() {
        return Views.finished(status);
    }

    /** Finished without an error code and with a produced FileId. */
    public boolean succeeded() {
        return Views.finishedNormally(status) && errCode == 0 && output.exists();
    }
}
