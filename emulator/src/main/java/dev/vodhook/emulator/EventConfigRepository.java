package dev.vodhook.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Event settings per SubAppId, in memory; applications never configured get the defaults. Every change is reported
 * to {@link StateChanges}.
 */
final class EventConfigRepository {

    private final Map<Long, EventConfig> configs = new ConcurrentHashMap<>();
    private final long defaultSubAppId;
    private volatile String defaultNotificationUrl;
    private final StateChanges changes;

    EventConfigRepository(long defaultSubAppId, String defaultNotificationUrl, StateChanges changes) {
        this.defaultSubAppId = defaultSubAppId;
        this.defaultNotificationUrl = defaultNotificationUrl;
        this.changes = changes;
    }

    EventConfig get(long subAppId) {
        return configs.getOrDefault(subAppId, initial(subAppId));
    }

    EventConfig update(long subAppId, UnaryOperator<EventConfig> change) {
        EventConfig updated = configs.compute(subAppId,
                (id, current) -> change.apply(current == null ? initial(id) : current));
        changes.changed();
        return updated;
    }

    void clear() {
        configs.clear();
        changes.changed();
    }

    /** Where the default application pushes until ModifyEventConfig says otherwise. */
    void defaultNotificationUrl(String url) {
        defaultNotificationUrl = url;
    }

    /** The settings of every application configured so far. */
    Map<Long, EventConfig> configured() {
        return Map.copyOf(configs);
    }

    /** Replaces everything with saved settings. */
    void restore(Map<Long, EventConfig> saved) {
        configs.clear();
        configs.putAll(saved);
    }

    private EventConfig initial(long subAppId) {
        return EventConfig.defaults(subAppId == defaultSubAppId ? defaultNotificationUrl : "");
    }
}
