package dev.vodhook.emulator.internal.api;

import dev.vodhook.emulator.RateLimitPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link TokenBucket} per action and application, at the rates of a {@link RateLimitPolicy}. */
public final class RateLimiter {

    private final RateLimitPolicy policy;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitPolicy policy) {
        this.policy = policy;
    }

    /** Counts one call of {@code action} by {@code subAppId}; {@code RequestLimitExceeded} when over the rate. */
    void acquire(ApiRequest request) {
        if (!policy.enabled()) {
            return;
        }
        int rate = policy.rateOf(request.action());
        TokenBucket bucket = buckets.computeIfAbsent(request.action() + "/" + request.subAppId(),
                key -> new TokenBucket(rate, request.now()));
        if (!bucket.tryTake(request.now())) {
            throw new LocalVodApiError(LocalVodApiError.REQUEST_LIMIT_EXCEEDED, "The request rate of "
                    + request.action() + " exceeds the limit of " + rate + " requests per second.");
        }
    }

    /** Full buckets again (for {@code /_emulator/reset}). */
    public void clear() {
        buckets.clear();
    }
}
