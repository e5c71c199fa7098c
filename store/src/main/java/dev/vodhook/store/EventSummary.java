package dev.vodhook.store;

import java.time.Instant;
import java.util.Optional;

/** An inbox row without its body and headers, for listings. */
public record EventSummary(
        long id,
        Instant receivedAt,
        EventSource source,
        String eventType,
        String format,
        String dedupeKey,
        EventStatus status,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> lastError,
        Optional<Instant> processedAt) {}
