package dev.vodhook.emulator;

/** DescribeEventsState: how many events PullEvents would hand out now (exact here; approximate in the cloud). */
final class DescribeEventsStateAction implements ApiAction {

    private final PullQueue queue;

    DescribeEventsStateAction(PullQueue queue) {
        this.queue = queue;
    }

    record Response(long countOfEventsToPull) {
    }

    @Override
    public String name() {
        return "DescribeEventsState";
    }

    @Override
    public Object handle(ApiRequest request) {
        return new Response(queue.countToPull(request.subAppId()));
    }
}
