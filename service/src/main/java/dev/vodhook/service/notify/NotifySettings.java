package dev.vodhook.service.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where vodhook's notifications go and how they are delivered.
 *
 * @param endpoints   the application's endpoints; none: notifications are written but go nowhere
 * @param retry       the retry schedule of a failing delivery, then DEAD
 * @param timeout     an attempt succeeds on a 2xx within this (the whole exchange, answer included)
 * @param lease       how long a claim holds a delivery without a heartbeat (extended every third of it while
 *                    the attempt runs); longer than {@code timeout}
 * @param concurrency deliveries in flight at once per endpoint (different media; one media is one at a time)
 * @param pollInterval how long an idle deliverer waits before looking again (a new notification wakes it at once)
 */
public record NotifySettings(List<NotifyEndpoint> endpoints, RetrySchedule retry, Duration timeout, Duration lease,
        int concurrency, Duration pollInterval) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public NotifySettings {
        endpoints = List.copyOf(endpoints);
        if (endpoints.stream().map(NotifyEndpoint::url).distinct().count() != endpoints.size()) {
            throw new IllegalArgumentException("a notify url is listed twice: " + endpoints);
        }
        Objects.requireNonNull(retry, "retry");
        if (!timeout.isPositive() || !pollInterval.isPositive()) {
            throw new IllegalArgumentException("timeout and pollInterval must be positive: " + timeout + ", " + pollInterval);
        }
        if (lease.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("the delivery lease (" + lease + ") must be longer than the timeout ("
                    + timeout + ")");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
    }

    /** No endpoint; the default schedule, 15 s timeout, 60 s lease, 16 at once per endpoint, poll every second. */
    public static NotifySettings defaults() {
        return new NotifySettings(List.of(), RetrySchedule.defaults(), DEFAULT_TIMEOUT, Duration.ofSeconds(60), 16,
                Duration.ofSeconds(1));
    }

    public NotifySettings withEndpoints(List<NotifyEndpoint> value) {
        return new NotifySettings(value, retry, timeout, lease, concurrency, pollInterval);
    }

    public NotifySettings withRetry(RetrySchedule value) {
        return new NotifySettings(endpoints, value, timeout, lease, concurrency, pollInterval);
    }

    /** The timeout, and a lease of four times it (at least 60 s). */
    public NotifySettings withTimeout(Duration value) {
        Duration l = value.multipliedBy(4).compareTo(Duration.ofSeconds(60)) < 0 ? Duration.ofSeconds(60)
                : value.multipliedBy(4);
        return new NotifySettings(endpoints, retry, value, l, concurrency, pollInterval);
    }

    public NotifySettings withLease(Duration value) {
        return new NotifySettings(endpoints, retry, timeout, value, concurrency, pollInterval);
    }

    public NotifySettings withConcurrency(int value) {
        return new NotifySettings(endpoints, retry, timeout, lease, value, pollInterval);
    }

    public NotifySettings withPollInterval(Duration value) {
        return new NotifySettings(endpoints, retry, timeout, lease, concurrency, value);
    }

    /** How often the deliverer extends the leases it holds. */
    public Duration heartbeat() {
        return lease.dividedBy(3);
    }

    @Override
    public String toString() {
        return "endpoints=" + endpoints + " retry=" + retry + " timeout=" + timeout + " lease=" + lease
                + " concurrency=" + concurrency;
    }
}
