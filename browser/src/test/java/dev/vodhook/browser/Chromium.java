package dev.vodhook.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's chromium ({@value #EXECUTABLE}), headless, driven by Playwright, with a fresh profile per instance. Without
 * it the tests are skipped, unless {@code VODHOOK_REQUIRE_BROWSER=1} (CI) makes that a failure.
 */
final class Chromium implements AutoCloseable {
    static final String EXECUTABLE = "/usr/bin/chromium";
    /** Without the background-networking switches chromium's own connections are refused here, many at a time. */
    static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required");

    private final Playwright playwright;
    private final BrowserContext context;
    private final Path profile;

    private Chromium(Playwright playwright, BrowserContext context, Path profile) {
        this.playwright = playwright;
        this.context = context;
        this.profile = profile;
    }

    static Chromium launch() {
        boolean required = "1".equals(System.getenv("VODHOOK_REQUIRE_BROWSER"));
        if (!Files.isExecutable(Path.of(EXECUTABLE))) {
            if (required) {
                fail(EXECUTABLE + " is missing and VODHOOK_REQUIRE_BROWSER=1: apt-get install chromium");
            }
            assumeTrue(false, EXECUTABLE + " is missing: the browser tests are skipped (apt-get install chromium)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("vodhook-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Playwright playwright = Playwright.create();
        try {
            BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                    new BrowserType.LaunchPersistentContextOptions()
                            .setExecutablePath(Path.of(EXECUTABLE))
                            .setHeadless(true)
                            .setArgs(ARGS)
                            .setViewportSize(1024, 760)
                            .setTimeout(120_000));
            context.setDefaultTimeout(60_000);
            return new Chromium(playwright, context, profile);
        } catch (PlaywrightException e) {
            playwright.close();
            deleteTree(profile);
            if (required) {
                throw e;
            }
            assumeTrue(false, "chromium did not start, so the browser tests are skipped: " + e.getMessage());
            throw e;
        }
    }

    Page newPage() {
        return context.newPage();
    }

    BrowserContext context() {
        return context;
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            playwright.close();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in /tmp harms nothing
        }
    }
}
