package dev.vodhook.emulator.internal.events;

/** Where the {@link EventBus} hands events: {@link PushDelivery} and {@link PullQueue}. */
interface EventSink {

    /** Takes the event if {@code config} routes events to this sink; must not block for long. */
    void accept(EmittedEvent event, EventConfig config);

    /** Forgets everything queued or recorded (for {@code /_emulator/reset}). */
    void clear();
}
