package dev.vodhook.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.console.access.Tokens;
import dev.vodhook.store.outbox.DeliveryFilter;
import dev.vodhook.store.outbox.DeliveryStatus;
import dev.vodhook.store.outbox.EndpointView;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Deliveries page, a delivery's page and a media's notifications over real HTTP, without a token (loopback, no
 * login), read as a browser without JavaScript, over notifications written by real media writes and attempts
 * recorded as the deliverer records them.
 */
class ConsoleDeliveriesTest {
    static final String APP = "http://app.example/hooks/vod";
    static final String OPS = "http://ops.example/hooks/vod";
    static final String HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    @TempDir
    Path dir;

    ConsoleServer server;
    Browserless browser;
    Instant now;

    @BeforeEach
    void start() {
        server = new ConsoleServer(dir, Tokens.none());
        browser = new Browserless(server.baseUrl());
        now = server.clock.instant();
        Seed.notifyTo(server.database, now, APP, OPS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theEndpointsShowTheirCountsLagAndA410AndTheDeliveriesAreFilteredAndPaged() {
        for (int i = 0; i < 60; i++) {
            Seed.uploadedMedia(server.database, "f" + i, "clip " + i, now.plusSeconds(i));
        }
        server.clock.tick(Duration.ofMinutes(5));
        Instant later = server.clock.instant();
        List<Long> dead = Seed.attemptDue(server.database, APP, later, 500, "{\"error\":\"busy\"}", true);
        assertThat(dead).hasSize(60);
        Seed.attemptDue(server.database, OPS, later, 410, "gone for good", false);

        Browserless.Page page = browser.get("/deliveries");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("aria-current=\"page\">Deliveries<")
                .contains(APP).contains(OPS)
                .contains("data-testid=\"endpoint-state\">DISABLED").contains("410: gone for good")
                .contains("data-testid=\"endpoint-state\">ENABLED")
                .contains("<button type=\"submit\">Enable again</button>")
                .contains("href=\"/deliveries?endpoint=http%3A%2F%2Fapp.example%2Fhooks%2Fvod&amp;status=DEAD\">60<")
                .contains("href=\"/deliveries?endpoint=http%3A%2F%2Fops.example%2Fhooks%2Fvod&amp;status=PENDING\">60<")
                .contains(">5 min</time>"); // OPS's oldest notification still to go, written five minutes ago

        assertThat(ids(page.body())).hasSize(50).first().isEqualTo(120L);
        Matcher older = Pattern.compile("href=\"(/deliveries\\?before=\\d+)\">Older").matcher(page.body());
        assertThat(older.find()).isTrue();
        Browserless.Page second = browser.get(older.group(1));
        assertThat(ids(second.body())).hasSize(50).first().isEqualTo(70L);
        assertThat(second.body()).contains("Newest");

        String deadOfApp = "/deliveries?endpoint=" + Browserless.q(APP) + "&status=DEAD";
        Browserless.Page filtered = browser.get(deadOfApp);
        assertThat(ids(filtered.body())).hasSize(50).allMatch(dead::contains);
        assertThat(filtered.body()).contains("500: {\"error\":\"busy\"}")
                .contains("Replay all DEAD of this endpoint…");
        assertThat(ids(browser.get("/deliveries?fileId=f7").body())).hasSize(2);
        assertThat(browser.get("/deliveries?type=media.ready").body()).contains("No delivery matches this filter.");
        assertThat(ids(browser.get("/deliveries?type=media.uploaded&endpoint=" + Browserless.q(OPS)
                + "&from=2026-03-01T08:00:10Z&to=2026-03-01T08:00:13Z").body())).hasSize(3);
        assertThat(browser.get("/deliveries?status=LOST").status()).isEqualTo(400);
        Browserless.Page badType = browser.get("/deliveries?type=media.exploded");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.body()).contains("type must be one of [media.uploaded");
        assertThat(browser.get("/deliveries/999999").status()).isEqualTo(404);
        assertThat(browser.get("/deliveries/x").status()).isEqualTo(404);
    }

    @Test
    void aDeliveryShowsItsNotificationAndEveryAttemptWithHostileAnswersAsText() {
        String fileId = "52858907842468";
        Seed.uploadedMedia(server.database, fileId, "lesson \"><img src=y onerror=alert(3)>", now);
        long id = Seed.attemptDue(server.database, APP, now, 502, HOSTILE, false).getFirst();
        server.clock.tick(Duration.ofMinutes(1));
        Seed.attemptDue(server.database, APP, server.clock.instant(), 500, "x".repeat(5000), true);

        Browserless.Page page = browser.get("/deliveries/" + id);
        assertThat(page.status()).isEqualTo(200);
        String eventId = server.database.outbox().log().find(id).orElseThrow().eventId();
        assertThat(page.body()).contains("data-testid=\"notification-id\">" + eventId)
                .contains("media.uploaded").contains("data-testid=\"delivery-status\">DEAD")
                .contains("HTTP 502").contains("HTTP 500").contains("42 ms")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
                .contains("lesson \\\"&gt;&lt;img src=y onerror=alert(3)&gt;")
                .contains("\n  \"type\" : \"media.uploaded\"") // pretty-printed
                .contains("x".repeat(1024)).doesNotContain("x".repeat(1025)) // the first KB of each answer
                .doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<img src=y")
                .contains("href=\"/deliveries/" + id + "/replay\"");
        for (String html : List.of(page.body(), browser.get("/deliveries").body(),
                browser.get("/media/" + fileId).body())) {
            assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=");
            Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
            while (scripts.find()) {
                assertThat(scripts.group(1)).contains("src=\"/assets/");
                assertThat(scripts.group(2)).isBlank();
            }
        }
    }

    @Test
    void aMediaPageSaysWhatWasSentWhereAndLinksEachDelivery() {
        String fileId = "5285890784246869";
        Seed.uploadedMedia(server.database, fileId, "lesson", now);
        long toApp = Seed.attemptDue(server.database, APP, now, 204, "", false).getFirst();
        long toOps = Seed.attemptDue(server.database, OPS, now, 503, "{\"retry\":\"later\"}", false).getFirst();

        Browserless.Page media = browser.get("/media/" + fileId);
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.body()).contains("<h2 id=\"notifications\">Notifications</h2>")
                .contains("hx-get=\"/media/" + fileId + "/notifications?v=")
                .contains("href=\"/deliveries/" + toApp + "\" class=\"badge delivered\">DELIVERED")
                .contains("href=\"/deliveries/" + toOps + "\" class=\"badge pending\">PENDING")
                .contains("503: {\"retry\":\"later\"}");
        Browserless.Page region = browser.get("/media/" + fileId + "/notifications");
        assertThat(region.body()).contains("media.uploaded").contains(APP).contains(OPS);
        Seed.uploadedMedia(server.database, "a/b", "odd", now);
        assertThat(browser.get("/media/_file/notifications?id=a%2Fb").body()).contains("media.uploaded");
    }

    @Test
    void aDeadDeliveryIsReplayedAfterAskingThenAnEndpointsDeadInARangeThenADisabledEndpointIsEnabled() {
        for (int i = 0; i < 4; i++) {
            Seed.uploadedMedia(server.database, "f" + i, "clip", now.plusSeconds(i * 60L));
        }
        List<Long> dead = Seed.attemptDue(server.database, APP, now.plusSeconds(300), 500, "no", true);
        Seed.attemptDue(server.database, OPS, now.plusSeconds(300), 410, "gone", false);
        long first = dead.getFirst();

        Browserless.Page confirm = browser.get("/deliveries/" + first + "/replay");
        assertThat(confirm.body()).contains("Replay delivery #" + first);
        assertThat(browser.post("/deliveries/" + first + "/replay", Map.of()).status()).isEqualTo(403);
        assertThat(browser.post("/deliveries/" + first + "/replay", Map.of("csrf", confirm.csrf()),
                "http://evil.example").status()).isEqualTo(403);
        assertThat(status(first)).isEqualTo(DeliveryStatus.DEAD);
        Browserless.Page replayed = browser.post("/deliveries/" + first + "/replay", Map.of("csrf", confirm.csrf()));
        assertThat(replayed.status()).isEqualTo(303);
        assertThat(replayed.header("location")).contains("/deliveries/" + first + "?done=delivery-replayed");
        assertThat(status(first)).isEqualTo(DeliveryStatus.PENDING);
        assertThat(server.deliveryWakes.get()).isEqualTo(1);
        assertThat(browser.get("/deliveries/" + first + "?done=delivery-replayed").body())
                .contains("fresh attempt budget").doesNotContain("href=\"/deliveries/" + first + "/replay\"");
        EndpointView app = endpoint(APP);
        assertThat(server.database.outbox().claimDue(app, "elsewhere", now.plusSeconds(301), Duration.ofSeconds(30), 1))
                .singleElement().satisfies(c -> assertThat(c.id()).isEqualTo(first)); // being sent: left alone
        assertThat(browser.post("/deliveries/" + first + "/replay", Map.of("csrf", confirm.csrf())).header("location"))
                .contains("/deliveries/" + first + "?done=delivery-busy");
        assertThat(server.deliveryWakes.get()).isEqualTo(1);

        // the other three: the notifications written in minutes 1 to 3, two of them in the range given
        String range = "endpoint=" + Browserless.q(APP) + "&from=2026-03-01T08:01&to=2026-03-01T08:03";
        Browserless.Page preview = browser.get("/deliveries/replay?" + range);
        assertThat(preview.body()).contains("data-testid=\"bulk-count\">2 DEAD deliveries to " + APP)
                .contains("written from 2026-03-01T08:01 before 2026-03-01T08:03 (UTC)");
        assertThat(browser.get("/deliveries/replay?from=2026-03-01T08:01").status()).isEqualTo(400);
        Browserless.Page done = browser.post("/deliveries/replay", Map.of("csrf", preview.csrf(), "endpoint", APP,
                "from", "2026-03-01T08:01", "to", "2026-03-01T08:03"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("location")).hasValueSatisfying(l -> assertThat(l).contains("status=DEAD")
                .contains("done=deliveries-replayed&count=2"));
        assertThat(browser.get(done.header("location").orElseThrow()).body())
                .contains("2 DEAD deliveries replayed: they are sent again now, in order per media.");
        assertThat(server.database.outbox().log().count(DeliveryFilter.all().withEndpointUrl(APP)
                .withStatus(DeliveryStatus.DEAD))).isEqualTo(1);
        assertThat(server.deliveryWakes.get()).isEqualTo(2);

        Browserless.Page enabled = browser.post("/deliveries/endpoints/enable", Map.of("csrf", preview.csrf(),
                "url", OPS));
        assertThat(enabled.header("location")).contains("/deliveries?done=endpoint-enabled");
        assertThat(endpoint(OPS).active()).isTrue();
        assertThat(server.deliveryWakes.get()).isEqualTo(3);
        assertThat(browser.post("/deliveries/endpoints/enable", Map.of("csrf", preview.csrf(), "url", OPS))
                .header("location")).contains("/deliveries?done=endpoint-not-disabled");
        assertThat(browser.post("/deliveries/endpoints/enable", Map.of("csrf", preview.csrf())).status())
                .isEqualTo(400);
    }

    DeliveryStatus status(long id) {
        return server.database.outbox().log().find(id).orElseThrow().status();
    }

    EndpointView endpoint(String url) {
        return server.database.outbox().log().endpoints().stream().filter(e -> e.url().equals(url)).findFirst()
                .orElseThrow();
    }

    static List<Long> ids(String html) {
        Matcher m = Pattern.compile("<td><a href=\"/deliveries/(\\d+)\">#").matcher(html);
        List<Long> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
