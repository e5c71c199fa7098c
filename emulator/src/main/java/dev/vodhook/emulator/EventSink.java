package dev.vodhook.emulator;

/** Where the {@link EventBus} hands events: push delivery now, a pull queue later. */
interface EventSink {

    /** Takes the event if {@code config} routes events to this sink; must not block for long. */
    void accept(VodEvent event, EventConfig config);

    /** Forgets everything queued or recorded (for {@code /_emulator/reset}). */
    void clear();
}
