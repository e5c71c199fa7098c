package dev.vodhook.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import org.junit.jupiter.api.Test;

/**
 * The documented flow in the console: a clip uploaded to the local VOD, its page open before it is processed, the
 * state moving to FINISHED without a reload, two outputs of the templates' resolutions, and a player that plays.
 */
class SeedFlowTest extends BrowserTest {

    @Test
    void anUploadGoesToFinishedLiveWithTwoPlayableOutputs() throws Exception {
        try (Stack stack = Stack.start(dir)) {
            page.navigate(stack.consoleUrl() + "/");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Overview"))).isVisible();

            String fileId = stack.upload();
            await().atMost(GUARD).until(() -> stack.database().media().findMedia(fileId).isPresent());
            page.navigate(stack.consoleUrl() + "/media/" + fileId);
            Locator state = page.getByTestId("media-state");
            assertThat(state).isVisible();

            assertThat(state).hasText("FINISHED"); // polled in place: no navigation since
            assertThat(page.locator("#media-outputs td[data-testid=resolution]")).hasText(new String[] {"640×360", "960×540"});
            assertThat(page.locator("#media-timeline")).containsText("ProcessMedia started");
            assertThat(page.locator("#media-timeline")).containsText("ProcedureStateChanged received (PUSH)");

            Locator video = page.locator("video[data-definition='100010']");
            assertThat(video).isVisible();
            video.evaluate("v => { v.muted = true; v.loop = true; return v.play(); }");
            page.waitForFunction("() => document.querySelector(\"video[data-definition='100010']\").currentTime > 0.3",
                    null, new Page.WaitForFunctionOptions().setTimeout(GUARD.toMillis()));
            Screenshots.take(page, "console-media");

            page.navigate(stack.consoleUrl() + "/media");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("(no name)"))
                    .or(page.locator("td code", new Page.LocatorOptions().setHasText(fileId)))).isVisible();
            page.navigate(stack.consoleUrl() + "/events");
            assertThat(page.locator("table.events tbody tr")).hasCount(2);
            page.navigate(stack.consoleUrl() + "/");
            page.waitForLoadState(LoadState.NETWORKIDLE);
            assertThat(page.locator(".chart .uplot").first()).isVisible();
            Screenshots.take(page, "console-overview");
        }
    }
}
