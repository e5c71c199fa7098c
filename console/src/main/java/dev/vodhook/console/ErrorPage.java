package dev.vodhook.console;

import dev.vodhook.console.pages.Page;
import dev.vodhook.console.web.PageError;
import dev.vodhook.console.web.Templates;
import io.javalin.http.Context;

/** A console page that could not be shown, as a page (the API's errors stay JSON). */
public final class ErrorPage {
    /** What the error page shows. */
    public record View(Page page, int status, String message) {}

    private ErrorPage() {}

    static void answer(Context ctx, Templates templates, PageError e) {
        ctx.status(e.status());
        templates.answer(ctx, "error.jte", new View(new Page(title(e.status()), "", null), e.status(), e.getMessage()));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign in";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            default -> "Error";
        };
    }
}
