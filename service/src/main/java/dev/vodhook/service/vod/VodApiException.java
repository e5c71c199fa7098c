package dev.vodhook.service.vod;

import dev.vodhook.service.ServiceException;

/**
 * A VOD API call failed.
 *
 * @see #code() VOD's error code ({@code InternalError}, {@code InvalidParameterValue.FileId}, ...),
 *      {@code ServerSideError} for a non-200 answer, {@code Transport} when no answer came
 * @see #requestId() VOD's RequestId, empty when no answer came
 * @see #retryable() whether trying again later can succeed
 */
public class VodApiException extends ServiceException {
    private final String code;
    private final String requestId;
    private final boolean retryable;

    public VodApiException(String code, String requestId, String message, boolean retryable, Throwable cause) {
        super(code + ": " + message + (requestId.isEmpty() ? "" : " (RequestId " + requestId + ")"), cause);
        this.code = code;
        this.requestId = requestId;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public String requestId() {
        return requestId;
    }

    public boolean retryable() {
        return retryable;
    }
}
