package dev.vodhook.service.http;

import dev.vodhook.service.ServiceException;

/** A request the API refuses, with the status and a reason for the JSON error body. */
public class HttpProblem extends ServiceException {
    private final int status;
    private final String code;

    public HttpProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static HttpProblem badRequest(String message) {
        return new HttpProblem(400, "BadRequest", message);
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, "NotFound", message);
    }

    public static HttpProblem conflict(String message) {
        return new HttpProblem(409, "Conflict", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
