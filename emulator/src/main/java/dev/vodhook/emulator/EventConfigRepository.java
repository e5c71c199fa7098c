package dev.vodhook.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Event settings per SubAppId, in memory; applications never configured get the defaults. */
final class EventConfigRepository {

    private final Map<Long, EventConfig> configs = new ConcurrentHashMap<>();
    private final long defaultSubAppId;
    private final String defaultNotificationUrl;

    EventConfigRepository(long defaultSubAppId, String defaultNotificationUrl) {
        this.defaultSubAppId = defaultSubAppId;
        this.defaultNotificationUrl = defaultNotificationUrl;
    }

    EventConfig get(long subAppId) {
        return configs.getOrDefault(subAppId, initial(subAppId));
    }

    EventConfig update(long subAppId, UnaryOperator<EventConfig> change) {
        return configs.compute(subAppId, (id, current) -> change.apply(current == null ? initial(id) : current));
    }

    void clear() {
        configs.clear();
    }

    private EventConfig initial(long subAppId) {
        return EventConfig.defaults(subAppId == defaultSubAppId ? defaultNotificationUrl : "");
    }
}
