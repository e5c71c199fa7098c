package dev.vodhook.emulator.internal.api;

/**
 * One VOD API action, named after it: {@code ProcessMediaAction} handles {@code X-TC-Action: ProcessMedia} (the
 * table of which class answers which action is {@code Emulator.apiActions}). Returns the response's output fields
 * as a record or map; the dispatcher wraps it in {@code Response} and adds the {@code RequestId}. Client mistakes
 * are thrown as {@link LocalVodApiError}.
 */
public interface ApiAction {

    Object handle(ApiRequest request);
}
