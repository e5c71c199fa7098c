package dev.vodhook.emulator;

/** Wraps an action: a call over its rate (see {@link RateLimiter}) fails with {@code RequestLimitExceeded}. */
final class RateLimitedAction implements ApiAction {

    private final ApiAction action;
    private final RateLimiter limiter;

    RateLimitedAction(ApiAction action, RateLimiter limiter) {
        this.action = action;
        this.limiter = limiter;
    }

    @Override
    public String name() {
        return action.name();
    }

    @Override
    public Object handle(ApiRequest request) {
        limiter.acquire(request);
        return action.handle(request);
    }
}
