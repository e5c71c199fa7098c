package dev.vodhook.console.web;

import io.javalin.http.Context;

/** The headers of every console answer: nothing cached, nothing framed, scripts only from the console itself. */
public final class Headers {
    /**
     * Scripts and styles only from the console's own files (no inline script, no eval); images and video also
     * from the media's own URLs (VOD's storage or CDN); requests only to the console.
     */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: http: https:;"
            + " media-src 'self' http: https:; connect-src 'self'; form-action 'self'; frame-ancestors 'none';"
            + " base-uri 'none'";

    private Headers() {}

    public static void page(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Vary", "HX-Request, Cookie");
    }
}
