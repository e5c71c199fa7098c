package dev.vodhook.console.web;

/** A page that cannot be shown, with the status and reason the error page gives. */
public final class PageError extends RuntimeException {
    private final int status;

    public PageError(int status, String message) {
        super(message);
        this.status = status;
    }

    public static PageError notFound(String message) {
        return new PageError(404, message);
    }

    public static PageError badRequest(String message) {
        return new PageError(400, message);
    }

    public int status() {
        return status;
    }
}
