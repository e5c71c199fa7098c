package dev.vodhook.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.console.access.Tokens;
import dev.vodhook.store.inbox.EventStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may see and do what in the console, over real HTTP. */
class ConsoleAccessTest {
    static final String ADMIN = "admin-token-0123456789";
    static final String READ = "read-token-0123456789";

    @TempDir
    Path dir;

    ConsoleServer withTokens() {
        return new ConsoleServer(dir, new Tokens(Optional.of(ADMIN), Optional.of(READ)));
    }

    @Test
    void aTokenIsAskedForOnceAndKeptInAnHttpOnlyStrictCookieUntilLogout() {
        try (ConsoleServer server = withTokens()) {
            Browserless browser = new Browserless(server.baseUrl());
            Browserless.Page anonymous = browser.get("/events?status=DEAD");
            assertThat(anonymous.status()).isEqualTo(303);
            assertThat(anonymous.header("location")).contains("/login?next=%2Fevents%3Fstatus%3DDEAD");
            assertThat(browser.get("/events/rows").status()).isEqualTo(303);

            Browserless.Page wrong = browser.post("/login", Map.of("token", "guess", "next", "/events"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body()).contains("neither the admin token nor the read token");
            assertThat(browser.post("/login", Map.of("token", ADMIN), "http://evil.example").status()).isEqualTo(403);

            Browserless.Page signedIn = browser.post("/login", Map.of("token", ADMIN, "next", "/events?status=DEAD"));
            assertThat(signedIn.status()).isEqualTo(303);
            assertThat(signedIn.header("location")).contains("/events?status=DEAD");
            assertThat(signedIn.header("set-cookie")).hasValueSatisfying(c -> assertThat(c)
                    .startsWith("vodhook_console=").contains("HttpOnly").contains("SameSite=Strict").contains("Path=/"));
            Browserless.Page page = browser.get("/events?status=DEAD");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Log out").contains(">admin<");

            assertThat(browser.post("/logout", Map.of()).status()).isEqualTo(303);
            assertThat(browser.get("/").status()).isEqualTo(303);
        }
    }

    @Test
    void theNextPageAfterLoginIsAlwaysOneOfTheConsoles() {
        try (ConsoleServer server = withTokens()) {
            Browserless browser = new Browserless(server.baseUrl());
            for (String next : new String[] {"//evil.example/x", "https://evil.example", "/\\evil.example"}) {
                assertThat(browser.post("/login", Map.of("token", ADMIN, "next", next)).header("location").orElseThrow())
                        .isEqualTo("/");
            }
        }
    }

    @Test
    void theReadTokenSeesNoButtonThatChangesStateAndItsForgedPostsAreRefused() {
        try (ConsoleServer server = withTokens()) {
            Instant now = server.clock.instant();
            long id = Seed.upload(server.database, "f1", now);
            Seed.killDue(server.database, now, "boom");
            Browserless reader = new Browserless(server.baseUrl());
            reader.post("/login", Map.of("token", READ));

            Browserless.Page event = reader.get("/events/" + id);
            assertThat(event.status()).isEqualTo(200);
            assertThat(event.body()).contains("DEAD").contains(">read-only<").doesNotContain("Replay…");
            assertThat(reader.get("/events?status=DEAD").body()).doesNotContain("Replay all matching")
                    .doesNotContain("Purge all matching");
            String csrf = event.csrf(); // the logout form's: a session's token is the same in every form
            assertThat(reader.post("/events/" + id + "/replay", Map.of("csrf", csrf)).status()).isEqualTo(403);
            assertThat(reader.post("/events/replay", Map.of("csrf", csrf, "status", "DEAD")).status()).isEqualTo(403);
            assertThat(reader.post("/events/purge", Map.of("csrf", csrf, "status", "DEAD")).status()).isEqualTo(403);
            assertThat(server.database.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.DEAD);
        }
    }

    @Test
    void bearerTokensWorkWithoutCookiesAndAWrongOneIsRefused() {
        try (ConsoleServer server = withTokens()) {
            Instant now = server.clock.instant();
            long id = Seed.upload(server.database, "f1", now);
            Seed.killDue(server.database, now, "boom");
            assertThat(new Browserless(server.baseUrl()).withBearer(READ).get("/events").status()).isEqualTo(200);
            assertThat(new Browserless(server.baseUrl()).withBearer(READ).post("/events/" + id + "/replay", Map.of(), null)
                    .status()).isEqualTo(403);
            assertThat(new Browserless(server.baseUrl()).withBearer("nope").get("/events").status()).isEqualTo(401);
            assertThat(new Browserless(server.baseUrl()).withBearer(ADMIN).post("/events/" + id + "/replay", Map.of(), null)
                    .status()).isEqualTo(303);
            assertThat(server.database.inbox().find(id).orElseThrow().status()).isEqualTo(EventStatus.PENDING);
        }
    }

    @Test
    void withoutATokenThereIsNoLoginButOnlyLoopbackHostNamesAreAnswered() throws IOException {
        try (ConsoleServer server = new ConsoleServer(dir, Tokens.none())) {
            Browserless browser = new Browserless(server.baseUrl());
            assertThat(browser.get("/").status()).isEqualTo(200);
            assertThat(browser.get("/").body()).doesNotContain("Log out");
            assertThat(browser.get("/login").status()).isEqualTo(303);
            assertThat(rawGet(server.port(), "localhost:" + server.port())).startsWith("HTTP/1.1 200");
            assertThat(rawGet(server.port(), "[::1]:" + server.port())).startsWith("HTTP/1.1 200");
            assertThat(rawGet(server.port(), "rebound.example:" + server.port())).startsWith("HTTP/1.1 403");
        }
    }

    /** A GET with the Host header a browser would send for that name (the JDK's client will not send another). */
    private static String rawGet(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
