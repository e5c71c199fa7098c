package dev.vodhook.service.vod;

import java.util.List;

/**
 * Starting media processing in VOD, and asking first whether the media is there: the seam between the handlers
 * and {@link VodApi}.
 */
public interface MediaProcessing {

    /**
     * Whether VOD has {@code fileId} in the configured application (DescribeMediaInfos). A FileId VOD does not
     * know is an answer, not an error. Ways of starting processing that cannot ask (simple test doubles written as
     * a lambda) find every media, so that verifying uploads changes nothing for them; {@link VodApi} asks VOD, and
     * wrappers must delegate.
     *
     * @throws VodApiException when VOD could not answer
     */
    default MediaLookup describeMedia(String fileId) {
        return MediaLookup.found("");
    }

    /**
     * Starts transcoding {@code fileId} to {@code definitions} (ProcessMedia).
     *
     * @param sessionId      VOD refuses a repeat within its window, so a retry cannot start a second task
     * @param sessionContext echoed back in ProcedureStateChanged
     * @throws VodApiException when VOD refused or could not be reached
     */
    ProcessMediaResult processMedia(String fileId, List<Integer> definitions, String sessionId, String sessionContext);

    /**
     * Starts the task flow template {@code procedureName} on {@code fileId} (ProcessMediaByProcedure), with the
     * same SessionId protection. Ways of calling VOD that cannot (simple test doubles) refuse it, for good.
     *
     * @throws VodApiException when VOD refused or could not be reached
     */
    default ProcessMediaResult processMediaByProcedure(String fileId, String procedureName, String sessionId,
            String sessionContext) {
        throw new VodApiException("UnsupportedOperation", "", getClass().getSimpleName()
                + " cannot start task flows (ProcessMediaByProcedure)", false, null);
    }
}
