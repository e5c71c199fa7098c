package dev.vodhook.service.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How patiently a notification is retried: after attempt n fails, the next waits {@code waits[n-1]}, shortened by
 * up to {@code jitter} (a fraction, 0 to 1) at random so that retries of many deliveries spread out; after the last
 * wait's attempt fails, the delivery is DEAD. The default grows roughly exponentially for about a day, as Standard
 * Webhooks suggests: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts, 27 h 35 min).
 */
public record RetrySchedule(List<Duration> waits, double jitter) {

    public RetrySchedule {
        waits = List.copyOf(waits);
        if (waits.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("retry waits cannot be negative: " + waits);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
        }
    }

    public static RetrySchedule defaults() {
        return parse("5s,5m,30m,2h,5h,10h,10h").withJitter(0.2);
    }

    /** Waits like {@code 5s,5m,30m,2h} (units s, m, h, d; a bare number is seconds); 20 % jitter. */
    public static RetrySchedule parse(String waits) {
        List<Duration> list = new ArrayList<>();
        for (String part : waits.replace("[", "").replace("]", "").split("[,\\s]+")) {
            if (!part.isBlank()) {
                list.add(duration(part.strip().toLowerCase(Locale.ROOT)));
            }
        }
        return new RetrySchedule(list, 0.2);
    }

    /** Attempts in all: the first, and one after each wait. */
    public int maxAttempts() {
        return waits.size() + 1;
    }

    /** Whether attempt {@code attempt} (1-based) was the last one allowed. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts();
    }

    /** @param random a value in [0, 1) that picks the jitter */
    public Duration waitAfter(int attempt, double random) {
        Duration wait = waits.get(Math.min(Math.max(attempt, 1), waits.size()) - 1);
        return Duration.ofMillis(Math.round(wait.toMillis() * (1 - jitter * random)));
    }

    /**
     * The wait after failed attempt {@code attempt} when the endpoint asked for {@code asked} (its Retry-After): the
     * schedule's wait, or the one asked for if that is longer, but never longer than the schedule's longest wait.
     */
    public Duration waitAfter(int attempt, double random, Optional<Duration> asked) {
        Duration scheduled = waitAfter(attempt, random);
        return asked.map(a -> a.compareTo(longest()) > 0 ? longest() : a).filter(a -> a.compareTo(scheduled) > 0)
                .orElse(scheduled);
    }

    /** The longest wait: the most an endpoint's Retry-After can put an attempt off. */
    public Duration longest() {
        return waits.stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** From the first attempt to the last, without jitter. */
    public Duration total() {
        return waits.stream().reduce(Duration.ZERO, Duration::plus);
    }

    public RetrySchedule withJitter(double value) {
        return new RetrySchedule(waits, value);
    }

    private static Duration duration(String v) {
        char unit = v.charAt(v.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1).strip());
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in " + v + " (want s, m, h or d)");
        };
    }

    @Override
    public String toString() {
        return waits + " jitter " + jitter;
    }
}
