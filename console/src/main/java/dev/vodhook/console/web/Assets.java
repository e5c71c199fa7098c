package dev.vodhook.console.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's static files, by fixed names under {@code /assets/}: its own stylesheet and script, and htmx and
 * uPlot from their webjars (read once from the class path; nothing is fetched from elsewhere).
 */
public final class Assets {
    private static final String OWN = "dev/vodhook/console/assets/";

    private record Asset(byte[] bytes, String type) {}

    private final Map<String, Asset> files;

    private Assets(Map<String, Asset> files) {
        this.files = files;
    }

    public static Assets load() {
        Properties webjars = new Properties();
        try (InputStream in = resource("dev/vodhook/console/assets.properties")) {
            webjars.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Assets(Map.of(
                "console.css", asset(OWN + "console.css", "text/css; charset=utf-8"),
                "console.js", asset(OWN + "console.js", "text/javascript; charset=utf-8"),
                "htmx.min.js", asset(webjars.getProperty("htmx"), "text/javascript; charset=utf-8"),
                "uPlot.iife.min.js", asset(webjars.getProperty("uplot.js"), "text/javascript; charset=utf-8"),
                "uPlot.min.css", asset(webjars.getProperty("uplot.css"), "text/css; charset=utf-8")));
    }

    /** {@code GET /assets/{name}}. */
    public void serve(Context ctx) {
        Asset asset = files.get(ctx.pathParam("name"));
        if (asset == null) {
            ctx.status(404).result("no such asset");
            return;
        }
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(asset.type()).result(asset.bytes());
    }

    private static Asset asset(String path, String type) {
        try (InputStream in = resource(path)) {
            return new Asset(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("the console's asset " + path + " is not on the class path");
        }
        return in;
    }
}
