package dev.vodhook.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Events made DEAD by faults injected into the local VOD, found and replayed from the console. */
class ReplayTest extends BrowserTest {

    @Test
    void anEventMadeDeadByAProcessMediaFaultIsFoundByTheDeadFilterAndReplayedFromItsPage() throws Exception {
        try (Stack stack = Stack.start(dir)) {
            stack.faults().failNextCalls("ProcessMedia", "UnauthorizedOperation", 1); // permanent: DEAD at once
            String fileId = stack.upload();

            page.navigate(stack.consoleUrl() + "/events");
            page.getByLabel("Status").selectOption("DEAD");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(page).hasURL(Pattern.compile("/events\\?status=DEAD"));
            // the listing keeps itself up to date: the event shows up when it becomes DEAD
            assertThat(page.locator("table.events tbody tr")).hasCount(1);
            assertThat(page.locator("table.events tbody tr")).containsText("UnauthorizedOperation");
            page.locator("table.events tbody tr a").first().click();

            assertThat(page.getByTestId("event-status")).hasText("DEAD");
            assertThat(page.locator("pre.body")).containsText(fileId);
            stack.faults().clear();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay…")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Replay event #"))).click();

            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Replayed");
            assertThat(page.getByTestId("event-status")).hasText("DONE"); // live, no reload
            page.navigate(stack.consoleUrl() + "/media/" + fileId);
            assertThat(page.getByTestId("media-state")).hasText("FINISHED");
        }
    }

    @Test
    void bulkReplayByFilterPreviewsHowManyItTakes() throws Exception {
        try (Stack stack = Stack.start(dir)) {
            // verify-uploads asks VOD about each forged upload first: that call fails for good, so the events go DEAD
            stack.faults().failNextCalls("DescribeMediaInfos", "UnauthorizedOperation", 3);
            for (int i = 0; i < 3; i++) {
                stack.postCallback("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"5285890799" + i
                        + "\",\"MediaBasicInfo\":{\"Name\":\"forged " + i + "\"}}}");
            }
            await().atMost(GUARD).until(() ->
                    stack.database().inbox().count(EventFilter.all().withStatus(EventStatus.DEAD)) == 3);

            page.navigate(stack.consoleUrl() + "/events?status=DEAD&type=NewFileUpload");
            assertThat(page.locator("table.events tbody tr")).hasCount(3);
            Screenshots.take(page, "console-events");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay all matching…")).click();
            assertThat(page.getByTestId("bulk-count")).containsText("3 event(s) match status DEAD, type NewFileUpload");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Replay 3 event(s)")).click();

            assertThat(page.getByRole(AriaRole.STATUS)).hasText("3 events replayed: they will be handled again now.");
            assertThat(page).hasURL(Pattern.compile("status=DEAD&type=NewFileUpload"));
            // VOD does not know the forged FileIds: handled again, they start nothing and are DONE
            assertThat(page.getByText("No event matches this filter.")).isVisible();
            await().atMost(GUARD).until(() ->
                    stack.database().inbox().count(EventFilter.all().withStatus(EventStatus.DONE)) == 3);
        }
    }
}
