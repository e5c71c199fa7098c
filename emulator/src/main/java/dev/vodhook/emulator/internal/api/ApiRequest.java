package dev.vodhook.emulator.internal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One authenticated API call, handed to its {@link ApiAction}.
 *
 * @param subAppId the application named by {@code SubAppId}, or the default one
 * @param region   {@code X-TC-Region}, empty when absent
 * @param now      the clock's time when the call arrived
 */
public record ApiRequest(String action, String requestId, long subAppId, String region, JsonNode body, Instant now) {

    /** Binds the body to a request record; a field of the wrong type is {@code InvalidParameter}. */
    public <T> T bind(Class<T> type) {
        try {
            return VodJson.API.treeToValue(body, type);
        } catch (JsonMappingException e) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER,
                    "The request body does not fit " + action + ": " + field(e) + " has a value of the wrong type.");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER,
                    "The request body does not fit " + action + ".");
        }
    }

    /** The JSON path of the offending field, e.g. {@code MediaProcessTask.TranscodeTaskSet[0]}. */
    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "a field" : path.toString();
    }
}
