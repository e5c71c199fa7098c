package dev.vodhook.emulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Request rate limits per API action and application, answered with {@code RequestLimitExceeded} when exceeded. Off by
 * default; {@link #documented()} holds the rates VOD documents: 100 requests per second for most actions (PullEvents,
 * ConfirmEvents, ApplyUpload, ...), 20 for DescribeEventsState and ModifyEventConfig.
 *
 * @param enabled          whether calls are limited at all
 * @param defaultPerSecond the rate of every action not in {@code perSecond}
 * @param perSecond        rates of particular actions, by {@code X-TC-Action}
 */
public record RateLimitPolicy(boolean enabled, int defaultPerSecond, Map<String, Integer> perSecond) {

    public RateLimitPolicy {
        Objects.requireNonNull(perSecond, "perSecond");
        perSecond = Map.copyOf(perSecond);
        if (defaultPerSecond < 1 || perSecond.values().stream().anyMatch(rate -> rate < 1)) {
            throw new IllegalArgumentException("rates must be at least 1 request per second: " + defaultPerSecond
                    + ", " + perSecond);
        }
    }

    /** The documented rates, switched off. */
    public static RateLimitPolicy documented() {
        return new RateLimitPolicy(false, 100, Map.of("DescribeEventsState", 20, "ModifyEventConfig", 20));
    }

    public RateLimitPolicy withEnabled(boolean value) {
        return new RateLimitPolicy(value, defaultPerSecond, perSecond);
    }

    /** The same policy with {@code action} limited to {@code rate} requests per second. */
    public RateLimitPolicy withRate(String action, int rate) {
        Map<String, Integer> next = new HashMap<>(perSecond);
        next.put(action, rate);
        return new RateLimitPolicy(enabled, defaultPerSecond, next);
    }

    /** Requests per second allowed for {@code action}. */
    public int rateOf(String action) {
        return perSecond.getOrDefault(action, defaultPerSecond);
    }
}
