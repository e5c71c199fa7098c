package dev.vodhook.service.vod;

import java.util.Objects;

/**
 * What VOD said about one FileId when asked (DescribeMediaInfos): whether the configured application has a media
 * with it.
 */
public record MediaLookup(boolean exists, String requestId) {

    public MediaLookup {
        Objects.requireNonNull(requestId, "requestId");
    }

    public static MediaLookup found(String requestId) {
        return new MediaLookup(true, requestId);
    }

    /** VOD has no media with this FileId in the application asked about. */
    public static MediaLookup missing(String requestId) {
        return new MediaLookup(false, requestId);
    }
}
