package dev.vodhook.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.vodhook.service.notify.NotifyEndpoint;
import dev.vodhook.service.notify.NotifySettings;
import dev.vodhook.service.notify.RetrySchedule;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.DeliveryView;
import dev.vodhook.store.outbox.NotificationType;
import dev.vodhook.testkit.RecordingEndpoint;
import dev.vodhook.testkit.SettableClock;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A notification the application's endpoint refused until it went DEAD, found on the Deliveries page and replayed
 * from it. The receiver runs on a settable clock with a two-attempt retry schedule (5 s apart): the test moves the
 * clock past the wait instead of sleeping.
 */
class DeliveriesTest extends BrowserTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final RetrySchedule SCHEDULE = RetrySchedule.parse("5s").withJitter(0);
    /** What the endpoint answers with its 500s. */
    static final String REFUSAL = "{\"answered\":500}";

    @Test
    void aRefusedNotificationGoesDeadAndIsReplayedFromTheDeliveriesPageToDelivered() throws Exception {
        SettableClock clock = new SettableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (RecordingEndpoint app = RecordingEndpoint.start().answerAll(500);
                Stack stack = Stack.start(dir, config -> config.withClock(clock).withNotifications(
                        NotifySettings.defaults().withRetry(SCHEDULE).withEndpoints(List.of(new NotifyEndpoint(
                                URI.create(app.url()), List.of(SECRET), Set.of(NotificationType.READY))))))) {
            String fileId = stack.upload();
            // the first attempt is refused; the second is due 5 s later on the receiver's clock
            await().atMost(GUARD).until(() -> ready(stack, fileId).filter(d -> d.attempts() == 1
                    && d.status() == DeliveryStatus.PENDING).isPresent());
            clock.tick(SCHEDULE.waits().getFirst());

            page.navigate(stack.consoleUrl() + "/");
            page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Sections"))
                    .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Deliveries")).click();
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Deliveries").setLevel(1)))
                    .isVisible();
            assertThat(page.locator("tr[data-endpoint]")).containsText("media.ready");
            page.getByLabel("Status").selectOption("DEAD");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter")).click();
            assertThat(page).hasURL(Pattern.compile("/deliveries\\?.*status=DEAD"));
            // the listing keeps itself up to date: the delivery shows up when its second attempt has made it DEAD
            Locator rows = page.locator("table.deliveries tbody tr");
            assertThat(rows).hasCount(1);
            assertThat(rows).containsText("media.ready");
            assertThat(rows).containsText("500: " + REFUSAL);
            Screenshots.take(page, "console-deliveries");
            rows.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^#\\d+$"))).click();

            assertThat(page.getByTestId("delivery-status")).hasText("DEAD");
            assertThat(page.getByTestId("attempt-status")).hasText(new String[] {"HTTP 500", "HTTP 500"});
            assertThat(page.locator("table.attempts")).containsText(REFUSAL);
            assertThat(page.locator("pre.body")).containsText(fileId);
            String webhookId = page.getByTestId("notification-id").textContent();
            app.answerAll(200);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Replay…")).click();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Replay delivery #")))
                    .click();

            assertThat(page.getByRole(AriaRole.STATUS)).containsText("Replayed");
            assertThat(page.getByTestId("delivery-status")).hasText("DELIVERED"); // live, no reload
            assertThat(page.getByTestId("attempt-status")).hasText(new String[] {"HTTP 500", "HTTP 500", "HTTP 200"});
            assertThat(app.received()).as("two refused, the replay answered 200").hasSize(3).allSatisfy(r -> {
                assertThat(r.id()).isEqualTo(webhookId);
                assertThat(r.type()).isEqualTo("media.ready");
                assertThat(r.fileId()).isEqualTo(fileId);
            });

            page.navigate(stack.consoleUrl() + "/media/" + fileId);
            Locator sent = page.locator("#media-notifications");
            assertThat(sent.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("DELIVERED"))).isVisible();
            assertThat(sent).containsText("media.ready");
        }
    }

    private static Optional<DeliveryView> ready(Stack stack, String fileId) {
        return stack.database().outbox().log().list(DeliveryFilter.all().withFileId(fileId)
                .withType(NotificationType.READY), 1).stream().findFirst();
    }
}
