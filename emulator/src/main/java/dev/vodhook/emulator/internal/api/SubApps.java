package dev.vodhook.emulator.internal.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The applications this account has: the primary one ({@code appId}) and the default sub-application. */
public record SubApps(long appId, long defaultSubAppId) {

    /** The application a request body names with {@code SubAppId}, or the default one. */
    long resolve(JsonNode body) {
        JsonNode value = body.path("SubAppId");
        if (value.isMissingNode() || value.isNull()) {
            return defaultSubAppId;
        }
        long id;
        if (value.canConvertToExactIntegral() && value.canConvertToLong()) {
            id = value.asLong();
        } else if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            id = Long.parseLong(value.asText());
        } else {
            throw LocalVodApiError.invalidValue("SubAppId", "SubAppId", "not an integer");
        }
        if (id == 0) {
            return defaultSubAppId;
        }
        if (id != appId && id != defaultSubAppId) {
            throw LocalVodApiError.invalidValue("SubAppId", "SubAppId", id + " is not an application of this account");
        }
        return id;
    }
}
