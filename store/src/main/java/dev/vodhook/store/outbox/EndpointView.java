package dev.vodhook.store.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * An endpoint as stored.
 *
 * @param disabledAt     when it answered 410 Gone; nothing goes to it until an operator enables it
 * @param disabledReason what it answered
 * @param retiredAt      when it was no longer configured
 */
public record EndpointView(long id, String url, EndpointSpec spec, Instant registeredAt,
        Optional<Instant> disabledAt, Optional<String> disabledReason, Optional<Instant> retiredAt) {

    public boolean active() {
        return disabledAt.isEmpty() && retiredAt.isEmpty();
    }
}
