package dev.vodhook.browser;

import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Screenshots into {@code target/}: of the watched page when a test fails (before the test's clean-up closes it),
 * into {@code target/browser-failures/}, and on request ({@link #take}) into {@code target/screenshots/} (the README's
 * come from there).
 */
final class Screenshots implements AfterTestExecutionCallback {
    static final Path FAILURES = Path.of("target", "browser-failures");
    static final Path TAKEN = Path.of("target", "screenshots");

    private volatile Page page;

    void watch(Page value) {
        this.page = value;
    }

    /** A screenshot of what the viewport shows, as {@code target/screenshots/<name>.png}. */
    static void take(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(TAKEN.resolve(name + ".png")).setFullPage(false));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) throws Exception {
        Optional<Throwable> failure = context.getExecutionException();
        Page watched = page;
        page = null;
        if (failure.isEmpty() || watched == null || watched.isClosed()) {
            return;
        }
        Files.createDirectories(FAILURES);
        Path file = FAILURES.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName() + ".png");
        try {
            watched.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
            Files.writeString(file.resolveSibling(file.getFileName() + ".html"), watched.content());
            System.err.println("browser test failed at " + watched.url() + "; screenshot " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println("no screenshot of the failed browser test: " + e);
        }
    }
}
