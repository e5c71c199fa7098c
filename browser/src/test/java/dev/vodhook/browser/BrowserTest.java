package dev.vodhook.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every browser test has: chromium with a fresh profile, a screenshot when it fails, and generous timeouts that
 * only keep a broken test from hanging (Playwright's assertions wait for what they assert, however long it takes
 * up to them).
 */
abstract class BrowserTest {
    /** A hang guard: transcoding on a loaded 2-core machine takes seconds, not minutes. */
    static final Duration GUARD = Duration.ofMinutes(2);

    @RegisterExtension
    final Screenshots screenshots = new Screenshots();

    @TempDir
    Path dir;

    Chromium chromium;
    Page page;

    @BeforeEach
    void openBrowser() {
        PlaywrightAssertions.setDefaultAssertionTimeout(GUARD.toMillis());
        chromium = Chromium.launch();
        page = chromium.newPage();
        screenshots.watch(page);
    }

    @AfterEach
    void closeBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
