package dev.vodhook.events;

import java.util.Locale;

/** What the typed views share: the type check, the required TaskId, and what counts as finished. */
final class Views {

    private Views() {
    }

    static void require(VodEvent event, String eventType) {
        if (!eventType.equals(event.eventType())) {
            throw new MalformedEventException("expected a " + eventType + " event, got " + event.eventType());
        }
    }

    static String taskId(VodEvent event) {
        return event.taskId().orElseThrow(() -> new MalformedEventException(event.eventType() + " without a TaskId"));
    }

    /** {@code FINISH} and {@code ABORTED} (which DescribeTaskDetail reports) end a task; the rest is in progress. */
    static boolean finished(String status) {
        return is(status, "FINISH") || is(status, "ABORTED");
    }

    /** Ended normally: only a {@code FINISH} can be a success. */
    static boolean finishedNormally(String status) {
        return is(status, "FINISH");
    }

    private static boolean is(String status, String expected) {
        return status != null && status.trim().toUpperCase(Locale.ROOT).equals(expected);
    }
}
