package dev.vodhook.console.pages;

import dev.vodhook.service.ServiceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the database does not keep, counted by this receiver's meters since it started: duplicates by source,
 * refused callbacks by reason, handler runs by outcome. Sampled once a minute ({@link #runOnce}, from a
 * scheduler or a test), kept for {@link #KEPT}, so that the overview can say what changed over the last hour and
 * per minute.
 */
public final class MeterSampler {
    static final Duration KEPT = Duration.ofHours(25);

    /** The meters read, by a short name: counter and tag. */
    static final Map<String, String[]> METERS = Map.of(
            "duplicates", new String[] {"vodhook.events.duplicates", "source"},
            "refused", new String[] {"vodhook.events.rejected", "reason"},
            "handled", new String[] {"vodhook.events.processed", "outcome"});

    /** The counters at one time: short name, then tag value, then count. */
    record Sample(Instant at, Map<String, Map<String, Double>> counts) {}

    /** What changed over a window, and since when that is known. */
    public record Change(Instant since, Map<String, Map<String, Long>> counts) {
        public Map<String, Long> of(String meter) {
            return counts.getOrDefault(meter, Map.of());
        }

        public long total(String meter) {
            return of(meter).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ServiceMetrics metrics;
    private final Clock clock;
    private final Instant startedAt;
    private final Deque<Sample> samples = new ArrayDeque<>();

    public MeterSampler(ServiceMetrics metrics, Clock clock, Instant startedAt) {
        this.metrics = metrics;
        this.clock = clock;
        this.startedAt = startedAt;
    }

    /** Takes a sample now and forgets those older than {@link #KEPT}. */
    public synchronized void runOnce() {
        Instant now = clock.instant();
        samples.addLast(new Sample(now, read()));
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(now.minus(KEPT))) {
            samples.removeFirst();
        }
    }

    /** What changed since {@code from}, or since the receiver started when that is later than the first sample. */
    public synchronized Change since(Instant from) {
        Sample base = null;
        for (Sample s : samples) {
            if (s.at().isAfter(from)) {
                break;
            }
            base = s;
        }
        Map<String, Map<String, Double>> now = read();
        Map<String, Map<String, Double>> before = base == null ? Map.of() : base.counts();
        return new Change(base == null ? startedAt : base.at(), minus(now, before));
    }

    /**
     * Per minute from {@code from}: how many of {@code meter}'s runs with tag value {@code value} the samples saw,
     * by the minute each sample ends; minutes without a sample are absent.
     */
    public synchronized Map<Instant, Long> perMinute(String meter, String value, Instant from) {
        Map<Instant, Long> out = new TreeMap<>();
        Sample previous = null;
        for (Iterator<Sample> it = samples.iterator(); it.hasNext(); ) {
            Sample s = it.next();
            if (previous != null && !s.at().isBefore(from)) {
                long delta = Math.round(count(s, meter, value) - count(previous, meter, value));
                out.merge(minute(s.at()), Math.max(0, delta), Long::sum);
            }
            previous = s;
        }
        return out;
    }

    public Optional<Instant> firstSample() {
        synchronized (this) {
            return samples.isEmpty() ? Optional.empty() : Optional.of(samples.peekFirst().at());
        }
    }

    private Map<String, Map<String, Double>> read() {
        Map<String, Map<String, Double>> counts = new HashMap<>();
        METERS.forEach((name, meter) -> counts.put(name, metrics.counts(meter[0], meter[1])));
        return counts;
    }

    private static double count(Sample s, String meter, String value) {
        return s.counts().getOrDefault(meter, Map.of()).getOrDefault(value, 0.0);
    }

    private static Map<String, Map<String, Long>> minus(Map<String, Map<String, Double>> now,
            Map<String, Map<String, Double>> before) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        now.forEach((meter, values) -> {
            Map<String, Long> diff = new TreeMap<>();
            values.forEach((value, count) -> {
                long d = Math.round(count - before.getOrDefault(meter, Map.of()).getOrDefault(value, 0.0));
                if (d > 0) {
                    diff.put(value, d);
                }
            });
            out.put(meter, diff);
        });
        return out;
    }

    static Instant minute(Instant at) {
        return Instant.ofEpochMilli(at.toEpochMilli() / 60_000 * 60_000);
    }
}
