package dev.vodhook.emulator.internal.events;

import dev.vodhook.emulator.internal.state.StateChanges;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Event settings per SubAppId, in memory; applications never configured get the defaults. Every change is reported
 * to {@link StateChanges}.
 */
public final class EventConfigRepository {

    private final Map<Long, EventConfig> configs = new ConcurrentHashMap<>();
    private final long defaultSubAppId;
    private volatile String defaultNotificationUrl;
    private final StateChanges changes;

    public EventConfigRepository(long defaultSubAppId, String defaultNotificationUrl, StateChanges changes) {
        this.defaultSubAppId = defaultSubAppId;
        this.defaultNotificationUrl = defaultNotificationUrl;
        this.changes = changes;
    }

    public EventConfig get(long subAppId) {
        return configs.getOrDefault(subAppId, initial(subAppId));
    }

    public EventConfig update(long subAppId, UnaryOperator<EventConfig> change) {
        EventConfig updated = configs.compute(subAppId,
                (id, current) -> change.apply(current == null ? initial(id) : current));
        changes.changed();
        return updated;
    }

    public void clear() {
        configs.clear();
        changes.changed();
    }

    /** Where the default application pushes until ModifyEventConfig says otherwise. */
    public void defaultNotificationUrl(String url) {
        defaultNotificationUrl = url;
    }

    /** The settings of every application configured so far. */
    public Map<Long, EventConfig> configured() {
        return Map.copyOf(configs);
    }

    /** Replaces everything with saved settings. */
    public void restore(Map<Long, EventConfig> saved) {
        configs.clear();
        configs.putAll(saved);
    }

    private EventConfig initial(long subAppId) {
        return EventConfig.defaults(subAppId == defaultSubAppId ? defaultNotificationUrl : "");
    }
}
