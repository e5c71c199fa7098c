package dev.vodhook.emulator.internal.api.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodhook.emulator.PullPolicy;
import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.events.EventContents;
import dev.vodhook.emulator.internal.events.PullQueue;
import java.util.List;

/**
 * PullEvents: up to 16 events of the application's PULL queue, each a full {@code EventContent} with its
 * {@code EventHandle}; on an empty queue the call is held up to the configured hold, then answers
 * {@code EventSet: []}.
 */
public final class PullEventsAction implements ApiAction {

    private final PullQueue queue;
    private final PullPolicy policy;

    public PullEventsAction(PullQueue queue, PullPolicy policy) {
        this.queue = queue;
        this.policy = policy;
    }

    record Response(List<ObjectNode> eventSet) {
    }

    @Override
    public Object handle(ApiRequest request) {
        return new Response(queue.pull(request.subAppId(), PullPolicy.MAX_BATCH, policy.hold()).stream()
                .map(EventContents::pulled).toList());
    }
}
