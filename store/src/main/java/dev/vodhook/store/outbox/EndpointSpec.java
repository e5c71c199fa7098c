package dev.vodhook.store.outbox;

import java.util.Objects;
import java.util.Set;

/**
 * An endpoint as configured, for the outbox: its URL (which identifies it) and the notification types it wants
 * (every type when empty). Its secrets stay with the deliverer.
 */
public record EndpointSpec(String url, Set<NotificationType> types) {

    public EndpointSpec {
        Objects.requireNonNull(url, "url");
        types = Set.copyOf(types);
    }

    public boolean wants(NotificationType type) {
        return types.isEmpty() || types.contains(type);
    }
}
