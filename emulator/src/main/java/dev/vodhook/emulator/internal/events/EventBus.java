package dev.vodhook.emulator.internal.events;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes every event the emulator produces, drops those the application switched off, and hands the rest to the
 * sinks: push delivery for applications in PUSH mode, the pull queue for those in PULL mode.
 */
public final class EventBus {

    private static final Logger log = LoggerFactory.getLogger(EventBus.class);

    private final EventConfigRepository configs;
    private final List<EventSink> sinks;

    public EventBus(EventConfigRepository configs, List<EventSink> sinks) {
        this.configs = configs;
        this.sinks = List.copyOf(sinks);
    }

    public void publish(EmittedEvent event) {
        EventConfig config = configs.get(event.subAppId());
        if (!config.wants(event.eventType())) {
            log.debug("{} for SubAppId {} not produced: its switch is OFF", event.eventType(), event.subAppId());
            return;
        }
        for (EventSink sink : sinks) {
            sink.accept(event, config);
        }
    }

    public void clear() {
        sinks.forEach(EventSink::clear);
    }
}
