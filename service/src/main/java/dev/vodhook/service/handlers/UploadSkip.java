package dev.vodhook.service.handlers;

/**
 * Why a NewFileUpload starts nothing ({@link VerifyUpload}).
 *
 * @param mediaExists false when VOD has no media with the FileId: what the event says of it is then not recorded
 * @param reason      for the media's {@code skipReason} and the log, without the consequence
 */
record UploadSkip(boolean mediaExists, String reason) {

    /** VOD does not know the FileId: a forged event, or one for a media deleted since. */
    static UploadSkip notInVod(String reason) {
        return new UploadSkip(false, reason);
    }

    /** The media exists and already has what the upload would start. */
    static UploadSkip alreadyDone(String reason) {
        return new UploadSkip(true, reason);
    }
}
