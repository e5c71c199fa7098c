package dev.vodhook.service.http;

/** 503 with {@code Retry-After}: the receiver cannot take the event now; the sender should try again later. */
public final class Overloaded extends HttpProblem {
    private final int retryAfterSeconds;

    public Overloaded(String message, int retryAfterSeconds) {
        super(503, "Unavailable", message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
