package dev.vodhook.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.inbox.EventSummary;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console behind tokens: a login, a read-only role, and state-changing requests it refuses. */
class AccessTest extends BrowserTest {
    static final String ADMIN = "admin-0f3c9a1b7e5d";
    static final String READ = "read-8b2e6d4f0a1c";

    @Test
    void aTokenIsAskedForAndTheReadTokenCannotReplayEvenByAForgedPost() throws Exception {
        try (Stack stack = Stack.start(dir, Optional.of(ADMIN), Optional.of(READ))) {
            stack.faults().failNextCalls("DescribeMediaInfos", "UnauthorizedOperation", 1);
            stack.postCallback("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"528589079901\"}}");
            await().atMost(GUARD).until(() ->
                    stack.database().inbox().count(EventFilter.all().withStatus(EventStatus.DEAD)) == 1);
            long id = stack.database().inbox().list(EventFilter.all(), 1).getFirst().id();

            page.navigate(stack.consoleUrl() + "/events/" + id);
            assertThat(page).hasURL(Pattern.compile("/login\\?next="));
            page.getByLabel("Token").fill("a guess");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page.getByRole(AriaRole.ALERT)).containsText("neither the admin token nor the read token");

            page.getByLabel("Token").fill(READ);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            assertThat(page).hasURL(Pattern.compile("/events/" + id + "$"));
            assertThat(page.getByTestId("event-status")).hasText("DEAD");
            assertThat(page.getByText("read-only")).isVisible();
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay…"))).hasCount(0);
            assertThat(chromium.context().cookies()).singleElement().satisfies(c -> {
                assertThat(c.httpOnly).isTrue();
                assertThat(c.sameSite.name()).isEqualTo("STRICT");
            });

            // the read session forges the admin's request, with its own page's CSRF token: refused
            Object status = page.evaluate("id => fetch('/events/' + id + '/replay', {method: 'POST', body:"
                    + " new URLSearchParams({csrf: document.querySelector('input[name=csrf]').value})}).then(r => r.status)",
                    String.valueOf(id));
            assertThat(status).isEqualTo(403);
            page.navigate(stack.consoleUrl() + "/events/" + id + "/replay");
            assertThat(page.getByText("The read token cannot replay events.")).isVisible();
            assertThat(stack.database().inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.DEAD);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
            assertThat(page).hasURL(Pattern.compile("/login$"));
            page.getByLabel("Token").fill(ADMIN);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
            page.navigate(stack.consoleUrl() + "/events/" + id);
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay…"))).isVisible();

            // a page of another origin (the local VOD's) posts the replay form with the admin's cookie: refused
            page.navigate(stack.vod.baseUrl() + "/_emulator/deliveries");
            page.evaluate("url => fetch(url, {method: 'POST', mode: 'no-cors', credentials: 'include',"
                    + " body: new URLSearchParams({csrf: 'guessed'})})", stack.consoleUrl() + "/events/" + id + "/replay");
            EventSummary after = stack.database().inbox().list(EventFilter.all(), 1).getFirst();
            assertThat(after.status()).isEqualTo(EventStatus.DEAD);
        }
    }
}
