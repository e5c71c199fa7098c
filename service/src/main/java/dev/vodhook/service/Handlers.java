package dev.vodhook.service;

import java.util.Map;
import java.util.Set;

/** Which handler runs for which EventType; types without one are kept and otherwise left alone. */
public final class Handlers {
    private final Map<String, EventHandler> byType;
    private final EventHandler fallback = new KeepRawOnly();

    public Handlers(Map<String, EventHandler> byType) {
        this.byType = Map.copyOf(byType);
    }

    public EventHandler forType(String eventType) {
        return byType.getOrDefault(eventType, fallback);
    }

    public Set<String> handledTypes() {
        return byType.keySet();
    }
}
