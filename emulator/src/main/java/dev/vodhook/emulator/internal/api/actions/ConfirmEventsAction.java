package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.PullPolicy;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.events.PullQueue;
import java.util.List;

/**
 * ConfirmEvents: 1 to 16 handles from PullEvents. If any handle is unknown or stale (its 30 s passed, or the event
 * was delivered again under a new handle) the call is {@code InvalidParameterValue} and confirms nothing; a handle
 * confirmed before is accepted again.
 */
public final class ConfirmEventsAction implements ApiAction {

    private final PullQueue queue;

    public ConfirmEventsAction(PullQueue queue) {
        this.queue = queue;
    }

    record Request(List<String> eventHandles) {
    }

    record Response() {
    }

    @Override
    public Object handle(ApiRequest request) {
        List<String> handles = request.bind(Request.class).eventHandles();
        if (handles == null || handles.isEmpty()) {
            throw LocalVodApiError.missing("EventHandles");
        }
        if (handles.size() > PullPolicy.MAX_BATCH) {
            throw LocalVodApiError.invalidValue("EventHandles",
                    "at most " + PullPolicy.MAX_BATCH + " handles per call, got " + handles.size());
        }
        List<String> stale = queue.confirm(request.subAppId(), handles);
        if (!stale.isEmpty()) {
            throw LocalVodApiError.invalidValue("EventHandles", "unknown or expired handle(s) " + stale
                    + "; nothing was confirmed");
        }
        return new Response();
    }
}
