package dev.vodhook.emulator.internal.api.actions;

import dev.vodhook.emulator.internal.api.ApiAction;
import dev.vodhook.emulator.internal.api.ApiRequest;
import dev.vodhook.emulator.internal.events.PullQueue;

/** DescribeEventsState: how many events PullEvents would hand out now (exact here; approximate in the cloud). */
public final class DescribeEventsStateAction implements ApiAction {

    private final PullQueue queue;

    public DescribeEventsStateAction(PullQueue queue) {
        this.queue = queue;
    }

    record Response(long countOfEventsToPull) {
    }

    @Override
    public Object handle(ApiRequest request) {
        return new Response(queue.countToPull(request.subAppId()));
    }
}
