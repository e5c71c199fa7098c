package dev.vodhook.console.web;

import gg.jte.Content;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A region of a page that keeps itself up to date: htmx asks its URL again every few seconds and swaps it in, and
 * the answer is 204 (nothing to swap) while its content is what the page has, named by {@code version}. So a
 * region changes only when what it shows does: a video playing in it, the scroll position and the filter (in the
 * URL it polls) are left alone. Without JavaScript it is plain HTML, as fresh as the page.
 *
 * @param url     what htmx polls: the region's own URL with its filters and version; "" for a region that stays
 * @param content the region's HTML, rendered (and escaped) by its template
 */
public record Live(String id, String url, int seconds, String version, Content content) {

    /**
     * @param html    the region as its template rendered it
     * @param seconds how often to poll; 0 for a region that does not (an older page of a listing)
     */
    public static Live of(String id, String path, Query query, int seconds, String html) {
        String version = version(html);
        String url = seconds > 0 ? path + query.with("v", version) : "";
        return new Live(id, url, seconds, version, out -> out.writeContent(html));
    }

    /** Answers a poll: 204 when the page has this version already, else the region. */
    public void answer(Context ctx, Templates templates) {
        if (version.equals(ctx.queryParam("v"))) {
            Headers.page(ctx);
            ctx.status(204);
            return;
        }
        templates.answer(ctx, "live.jte", this);
    }

    public boolean polls() {
        return seconds > 0;
    }

    private static String version(String html) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
