package dev.vodhook.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.console.access.Tokens;
import dev.vodhook.store.inbox.EventFilter;
import dev.vodhook.store.inbox.EventStatus;
import dev.vodhook.store.media.MediaState;
import dev.vodhook.store.media.MediaUpdate;
import dev.vodhook.store.media.OutputRecord;
import dev.vodhook.store.media.OutputStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's pages over real HTTP, without a token (loopback, no login), read as a browser without JavaScript. */
class ConsolePagesTest {
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
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyPageAnswersOnAnEmptyDatabaseWithItsSecurityHeaders() {
        for (String path : List.of("/", "/events", "/media", "/events?status=DEAD&q=x", "/media?state=FINISHED")) {
            Browserless.Page page = browser.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.header("content-security-policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
            assertThat(page.header("x-frame-options")).contains("DENY");
        }
        assertThat(browser.get("/assets/htmx.min.js").status()).isEqualTo(200);
        assertThat(browser.get("/assets/uPlot.iife.min.js").status()).isEqualTo(200);
        assertThat(browser.get("/assets/console.css").body()).contains("vodhook console");
        assertThat(browser.get("/assets/nothing.js").status()).isEqualTo(404);
        assertThat(browser.get("/overview/series.json?minutes=60").body()).startsWith("{\"t\":[");
    }

    @Test
    void aHostileBodyIsShownAsTextAndNoPageCarriesInlineScript() {
        String body = "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"<script>alert(1)</script>\","
                + "\"MediaBasicInfo\":{\"Name\":\"\\\"><img src=x onerror=alert(2)>\"}}}";
        long id = Seed.event(server.database, "<b>Type</b>", body, now);

        Browserless.Page event = browser.get("/events/" + id);
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("&lt;img src=x onerror=alert(2)&gt;")
                .contains("&lt;b&gt;Type&lt;/b&gt;")
                .doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>Type");
        Browserless.Page list = browser.get("/events");
        assertThat(list.body()).contains("&lt;b&gt;Type&lt;/b&gt;").doesNotContain("<b>Type");
        for (String page : List.of(event.body(), list.body(), browser.get("/").body())) {
            Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page);
            while (scripts.find()) {
                assertThat(scripts.group(1)).contains("src=\"/assets/");
                assertThat(scripts.group(2)).isBlank();
            }
        }
    }

    @Test
    void theFilterLivesInTheUrlAndPagesGoByKeyset() {
        for (int i = 0; i < 120; i++) {
            Seed.upload(server.database, "f" + i, now.plusSeconds(i));
        }
        Browserless.Page first = browser.get("/events?type=NewFileUpload");
        assertThat(ids(first.body())).hasSize(50).first().isEqualTo(120L);
        Matcher older = Pattern.compile("href=\"(/events\\?type=NewFileUpload&amp;before=\\d+)\">Older").matcher(first.body());
        assertThat(older.find()).isTrue();
        Browserless.Page second = browser.get(older.group(1).replace("&amp;", "&"));
        assertThat(ids(second.body())).hasSize(50).first().isEqualTo(70L);
        assertThat(second.body()).contains("Newest");

        assertThat(ids(browser.get("/events?q=f7").body())).containsExactly(8L);
        assertThat(ids(browser.get("/events?q=8").body())).containsExactly(8L);
        assertThat(ids(browser.get("/events?source=PULL").body())).isEmpty();
        assertThat(browser.get("/events?from=2026-03-01T08:01&to=2026-03-01T08:01:10Z").body())
                .contains("value=\"2026-03-01T08:01\"");
        assertThat(ids(browser.get("/events?from=2026-03-01T08:01&to=2026-03-01T08:01:10Z").body()))
                .containsExactly(70L, 69L, 68L, 67L, 66L, 65L, 64L, 63L, 62L, 61L);
        Browserless.Page bad = browser.get("/events?status=GONE");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("status must be one of");
    }

    @Test
    void theCsvExportHasTheFilteredEventsWithoutBodies() {
        Seed.upload(server.database, "=cmd", now);
        Seed.upload(server.database, "plain", now);
        Browserless.Page csv = browser.get("/events.csv?q=%3Dcmd");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("id,received_at,source,event_type");
        assertThat(lines[1]).startsWith("1,2026-03-01T08:00:00Z,PUSH,NewFileUpload,V3,PENDING,0,")
                .contains(",'=cmd,").doesNotContain("FileUploadEvent");
    }

    @Test
    void aReplayAsksFirstThenNeedsTheFormsTokenAndTheConsolesOrigin() {
        long id = Seed.upload(server.database, "f1", now);
        Seed.killDue(server.database, now, "ProcessMedia failed: InternalError");
        Browserless.Page page = browser.get("/events/" + id);
        assertThat(page.body()).contains("DEAD").contains("ProcessMedia failed: InternalError")
                .contains("href=\"/events/" + id + "/replay\"");
        Browserless.Page confirm = browser.get("/events/" + id + "/replay");
        String csrf = confirm.csrf();

        assertThat(browser.post("/events/" + id + "/replay", Map.of()).status()).isEqualTo(403);
        assertThat(browser.post("/events/" + id + "/replay", Map.of("csrf", csrf), "http://evil.example").status())
                .isEqualTo(403);
        assertThat(browser.post("/events/" + id + "/replay", Map.of("csrf", csrf), null).status()).isEqualTo(403);
        assertThat(server.database.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.DEAD);

        Browserless.Page done = browser.post("/events/" + id + "/replay", Map.of("csrf", csrf));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("location")).contains("/events/" + id + "?done=replayed-one");
        assertThat(server.database.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        assertThat(server.wakes.get()).isEqualTo(1);
        assertThat(browser.get("/events/" + id + "?done=replayed-one").body()).contains("fresh attempt budget");
    }

    @Test
    void bulkReplayPreviewsHowManyDeadEventsTheFilterTakesThenReplaysThem() {
        for (int i = 0; i < 3; i++) {
            Seed.upload(server.database, "dead" + i, now);
        }
        Seed.killDue(server.database, now, "boom");
        Seed.upload(server.database, "alive", now);

        Browserless.Page list = browser.get("/events?status=DEAD");
        assertThat(list.body()).contains("href=\"/events/replay?status=DEAD\"");
        assertThat(browser.get("/events").body()).doesNotContain("/events/replay");
        Browserless.Page preview = browser.get("/events/replay?status=DEAD");
        assertThat(preview.body()).contains("3 event(s) match status DEAD");
        assertThat(browser.get("/events/replay?status=DONE").status()).isEqualTo(400);

        Browserless.Page done = browser.post("/events/replay", Map.of("csrf", preview.csrf(), "status", "DEAD"));
        assertThat(done.status()).isEqualTo(303);
        assertThat(done.header("location")).contains("/events?status=DEAD&done=replayed&count=3");
        assertThat(server.database.inbox().count(EventFilter.all().withStatus(EventStatus.PENDING))).isEqualTo(4);
        assertThat(browser.get(done.header("location").orElseThrow()).body()).contains("3 events replayed");

        Seed.killDue(server.database, now, "boom again");
        Browserless.Page purge = browser.get("/events/purge?status=DEAD&q=dead1");
        assertThat(purge.body()).contains("1 event(s) match status DEAD, q dead1");
        browser.post("/events/purge", Map.of("csrf", purge.csrf(), "status", "DEAD", "q", "dead1"));
        assertThat(server.database.inbox().count(EventFilter.all())).isEqualTo(3);
    }

    @Test
    void theLiveRegionsAnswer204WhileNothingChanged() {
        Seed.upload(server.database, "f1", now);
        Matcher version = Pattern.compile("id=\"event-rows\" class=\"live\" hx-get=\"/events/rows\\?status=PENDING&amp;v=(\\w+)\"")
                .matcher(browser.get("/events?status=PENDING").body());
        assertThat(version.find()).isTrue();
        assertThat(browser.get("/events/rows?status=PENDING&v=" + version.group(1)).status()).isEqualTo(204);
        Seed.upload(server.database, "f2", now);
        Browserless.Page changed = browser.get("/events/rows?status=PENDING&v=" + version.group(1));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("f2").contains("hx-get=\"/events/rows?status=PENDING&amp;v=");
    }

    @Test
    void mediaAreListedAndAMediaShowsItsOutputsPlayersAndTimeline() {
        String fileId = "5285890784246869";
        long upload = Seed.upload(server.database, fileId, now);
        server.database.media().upsertMedia(new MediaUpdate(fileId, Optional.of("lesson <1>"), Optional.of("http://vod/o.mp4"),
                Optional.empty(), MediaState.UPLOADED), now);
        server.database.media().recordOutputs(fileId, List.of(
                new OutputRecord("t-1", "Transcode", 100010, "http://vod/f.100010.mp4", 640, 360, 465_000, 1_000_000, 2.0,
                        "mov,mp4", OutputStatus.SUCCESS, 0, "", ""),
                new OutputRecord("t-1", "AdaptiveDynamicStreaming", 10, "http://vod/f.m3u8", 0, 0, 0, 0, 2.0, "hls",
                        OutputStatus.SUCCESS, 0, "", ""),
                new OutputRecord("t-1", "Transcode", 100020, "javascript:alert(1)", 0, 0, 0, 0, 0, "mp4",
                        OutputStatus.SUCCESS, 0, "", "")), now);
        server.database.media().upsertMedia(MediaUpdate.state(fileId, MediaState.FINISHED), now.plusSeconds(5));

        Browserless.Page list = browser.get("/media?state=FINISHED");
        assertThat(list.body()).contains("lesson &lt;1&gt;").contains(fileId).contains(">3<");
        assertThat(browser.get("/media?state=FAILED").body()).contains("No media matches");
        assertThat(browser.get("/media?q=LESSON").body()).contains(fileId);

        Browserless.Page media = browser.get("/media/" + fileId);
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.body()).contains("data-testid=\"media-state\">FINISHED")
                .contains("<video controls preload=\"metadata\" width=\"480\" src=\"http://vod/f.100010.mp4\"")
                .contains("HLS playlist").contains(">http://vod/f.m3u8</a>")
                .doesNotContain("href=\"javascript:").doesNotContain("src=\"javascript:")
                .contains("NewFileUpload received (PUSH)").contains("href=\"/events/" + upload + "\"")
                .contains("Media recorded");
        assertThat(browser.get("/media/unknown").status()).isEqualTo(404);
    }

    @Test
    void aFileIdThatIsNoPathSegmentHasItsPageByQuery() {
        String fileId = "a/b?c=<d>&e";
        Seed.upload(server.database, fileId, now);
        server.database.media().upsertMedia(MediaUpdate.state(fileId, MediaState.UPLOADED), now);

        String link = "/media/_file?id=a%2Fb%3Fc%3D%3Cd%3E%26e";
        assertThat(browser.get("/media").body()).contains("href=\"" + link.replace("&", "&amp;") + "\"");
        Browserless.Page media = browser.get(link);
        assertThat(media.status()).isEqualTo(200);
        assertThat(media.body()).contains("a/b?c=&lt;d&gt;&amp;e")
                .contains("hx-get=\"/media/_file/outputs?id=a%2Fb%3Fc%3D%3Cd%3E%26e&amp;v=")
                .contains("href=\"/events?q=a%2Fb%3Fc%3D%3Cd%3E%26e\"");
        assertThat(browser.get("/media/_file/timeline?id=a%2Fb%3Fc%3D%3Cd%3E%26e").body()).contains("Media recorded");
    }

    private static List<Long> ids(String html) {
        Matcher m = Pattern.compile("<td><a href=\"/events/(\\d+)\">#").matcher(html);
        List<Long> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
