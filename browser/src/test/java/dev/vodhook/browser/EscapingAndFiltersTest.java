package dev.vodhook.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What comes from outside is shown as text; a filtered listing is a permalink. */
class EscapingAndFiltersTest extends BrowserTest {
    static final String SCRIPT = "<script>window.__owned = 1</script>";
    static final String IMG = "\\\"><img src=x onerror=\\\"window.__owned = 2\\\">";

    @Test
    void anEventBodyWithMarkupIsShownAsText() throws Exception {
        try (Stack stack = Stack.start(dir)) {
            List<String> dialogs = new ArrayList<>();
            page.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            });
            stack.postCallback("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"" + SCRIPT
                    + "\",\"MediaBasicInfo\":{\"Name\":\"" + IMG + "\",\"Description\":\"alert(document.cookie)\"}}}");
            await().atMost(GUARD).until(() -> stack.database().inbox().count(EventFilter.all().withStatus(EventStatus.DONE)) == 1);
            long id = stack.database().inbox().list(EventFilter.all(), 1).getFirst().id();

            page.navigate(stack.consoleUrl() + "/events/" + id);
            assertThat(page.locator("pre.body")).containsText(SCRIPT);
            assertThat(page.locator("pre.body")).containsText("\\\"><img src=x onerror=\\\"window.__owned = 2\\\">"); // as JSON writes it
            page.navigate(stack.consoleUrl() + "/events");
            assertThat(page.locator("table.events")).containsText(SCRIPT);
            page.navigate(stack.consoleUrl() + "/media");
            assertThat(page.locator("table.media")).containsText(SCRIPT);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("(no name)")).click();
            assertThat(page.locator("#media-timeline")).containsText("verify-uploads: nothing started");

            assertThat(page.evaluate("() => window.__owned === undefined")).isEqualTo(true);
            assertThat(page.locator("img[src=x]")).hasCount(0);
            assertThat(dialogs).isEmpty();
        }
    }

    @Test
    void filtersAndSearchInTheUrlSurviveAReload() throws Exception {
        try (Stack stack = Stack.start(dir)) {
            for (String fileId : List.of("528589079911", "528589079912")) {
                stack.postCallback("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"" + fileId + "\"}}");
            }
            await().atMost(GUARD).until(() -> stack.database().inbox().count(EventFilter.all().withStatus(EventStatus.DONE)) == 2);

            page.navigate(stack.consoleUrl() + "/events");
            page.getByLabel("Status").selectOption("DONE");
            page.getByLabel("Source").selectOption("PUSH");
            page.getByLabel("Type").fill("NewFileUpload");
            page.getByLabel("Search").fill("528589079912");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(page).hasURL(Pattern.compile("status=DONE&type=NewFileUpload&source=PUSH&.*q=528589079912"));
            assertThat(page.locator("table.events tbody tr")).hasCount(1);

            page.reload();
            assertThat(page.getByLabel("Status")).hasValue("DONE");
            assertThat(page.getByLabel("Source")).hasValue("PUSH");
            assertThat(page.getByLabel("Type")).hasValue("NewFileUpload");
            assertThat(page.getByLabel("Search")).hasValue("528589079912");
            assertThat(page.locator("table.events tbody tr")).hasCount(1);
            assertThat(page.locator("table.events tbody tr")).containsText("528589079912");

            page.navigate(stack.consoleUrl() + "/media");
            page.getByLabel("State").selectOption("UPLOADED");
            page.getByLabel("Search").fill("9911");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            page.reload();
            assertThat(page).hasURL(Pattern.compile("/media\\?state=UPLOADED&q=9911"));
            assertThat(page.getByLabel("State")).hasValue("UPLOADED");
            assertThat(page.locator("table.media tbody tr")).hasCount(0); // a name search: the media have no names
            page.getByLabel("Search").fill("528589079911");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(page.locator("table.media tbody tr")).hasCount(1);
        }
    }
}
