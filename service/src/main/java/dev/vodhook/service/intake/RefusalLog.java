package dev.vodhook.service.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs refused requests once per source and reason per window (a minute), not once per request, so that
 * a flood of bad callbacks cannot flood the log; the next line says how many were not logged meanwhile.
 * Remembers at most {@link #MAX_SOURCES} source and reason pairs; beyond them it forgets the lot.
 */
final class RefusalLog {
    static final int MAX_SOURCES = 10_000;

    private final Logger log;
    private final Clock clock;
    private final Duration window;
    private final ConcurrentHashMap<String, Entry> seen = new ConcurrentHashMap<>();

    private record Entry(Instant loggedAt, AtomicLong suppressed) {}

    RefusalLog(Logger log, Clock clock, Duration window) {
        this.log = log;
        this.clock = clock;
        this.window = window;
    }

    /**
     * Logs {@code Refused a callback from <source>: <reason> (<detail>); ...} at WARN unless this source's
     * {@code reason} was logged less than a window ago; then it only counts it.
     *
     * @return whether it logged
     */
    boolean refused(String source, String reason, String detail) {
        Instant now = clock.instant();
        String key = source + "\n" + reason;
        Entry entry = seen.get(key);
        if (entry != null && now.isBefore(entry.loggedAt().plus(window))) {
            entry.suppressed().incrementAndGet();
            return false;
        }
        if (seen.size() >= MAX_SOURCES) {
            seen.clear();
        }
        Entry fresh = new Entry(now, new AtomicLong());
        Entry previous = entry == null ? seen.putIfAbsent(key, fresh) : seen.replace(key, entry, fresh) ? null : entry;
        if (previous != null) {
            // another thread logged it just now
            previous.suppressed().incrementAndGet();
            return false;
        }
        long suppressed = entry == null ? 0 : entry.suppressed().get();
        log.warn("Refused a callback from {}: {} ({}); more of these from {} in the next {} s are only counted"
                        + " (vodhook_events_rejected_total){}", source, reason, detail, source, window.toSeconds(),
                suppressed == 0 ? "" : "; " + suppressed + " more came since the last such line");
        return true;
    }
}
