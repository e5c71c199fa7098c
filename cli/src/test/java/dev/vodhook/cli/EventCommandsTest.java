package dev.vodhook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.vod.ProcessMediaResult;
import dev.vodhook.service.vod.VodApiException;
import dev.vodhook.store.inbox.EventStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vodhook events} and {@code vodhook replay} against a running receiver's REST API. */
class EventCommandsTest {

    @TempDir
    Path dir;

    static final String ADMIN_TOKEN = "adm1n-e2f4";
    static final String READ_TOKEN = "r3ad-a9c1";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicBoolean vodBroken = new AtomicBoolean(true);
    private VodhookServer server;

    @BeforeEach
    void startReceiver() throws Exception {
        server = VodhookServer.start(ServiceConfig.defaults().withPort(0).withAdminPort(0)
                .withAdminToken(ADMIN_TOKEN).withReadToken(READ_TOKEN)
                .withDatabaseUrl("jdbc:sqlite:" + dir.resolve("db"))
                .withCredentials("AKIDtest", "key"), (fileId, definitions, sessionId, context) -> {
                    if (vodBroken.get()) {
                        throw new VodApiException("InvalidParameterValue.FileId", "req", "no such file", false, null);
                    }
                    return ProcessMediaResult.started("task-" + fileId, "req");
                });
        for (String fileId : new String[] {"101", "102"}) {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/callback"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":"
                            + "{\"FileId\":\"" + fileId + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> dead() == 2);
        vodBroken.set(false);
    }

    @AfterEach
    void stopReceiver() {
        server.close();
    }

    private long dead() {
        return server.database().inbox().countByStatus().get(EventStatus.DEAD);
    }

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void eventsListsWhatTheReceiverStoredWithFilters() {
        assertThat(run("events", "--url", server.adminUrl(), "--admin-token", ADMIN_TOKEN, "--status", "DEAD",
                "--type", "NewFileUpload")).isZero();

        assertThat(out.toString()).contains("ID", "STATUS", "NewFileUpload", "DEAD", "InvalidParameterValue.FileId");
        assertThat(out.toString().lines().filter(l -> l.contains("DEAD"))).hasSize(2);
        assertThat(run("events", "--url", server.adminUrl(), "--admin-token", ADMIN_TOKEN, "--status", "DONE")).isZero();
        assertThat(out.toString()).contains("no events match");
    }

    @Test
    void replayOneByIdThenTheRestInBulk() {
        long id = server.database().inbox().list(dev.vodhook.store.inbox.EventFilter.all(), 1).getFirst().id();

        assertThat(run("replay", String.valueOf(id), "--url", server.adminUrl(), "--admin-token", ADMIN_TOKEN)).isZero();
        assertThat(out.toString()).contains("event " + id + " replayed");
        await().atMost(Duration.ofSeconds(60)).until(() -> dead() == 1);
        assertThat(run("replay", "--dead", "--type", "NewFileUpload", "--since", "2000-01-01T00:00:00Z",
                "--url", server.adminUrl(), "--admin-token", ADMIN_TOKEN)).isZero();

        assertThat(out.toString()).contains("1 DEAD event replayed");
        await().atMost(Duration.ofSeconds(60)).until(() -> dead() == 0);
    }

    @Test
    void mistakesGetOneClearLine() {
        assertThat(run("replay", "--url", server.adminUrl(), "--admin-token", ADMIN_TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("either an event id or --dead");
        assertThat(run("replay", "--dead", "--since", "yesterday", "--url", server.adminUrl(),
                "--admin-token", ADMIN_TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("ISO-8601");
        assertThat(run("replay", "999", "--url", server.adminUrl(), "--admin-token", ADMIN_TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("404").contains("no event with id 999");
        assertThat(run("events", "--url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("cannot reach the receiver");
    }

    @Test
    void theTokenDecidesWhatTheCommandsMayDo() {
        assertThat(run("events", "--url", server.adminUrl())).isEqualTo(2);
        assertThat(err.toString()).contains("401").contains("give --admin-token or set VODHOOK_ADMIN_TOKEN");
        assertThat(run("events", "--url", server.adminUrl(), "--admin-token", "wrong")).isEqualTo(2);
        assertThat(err.toString()).contains("wrong token");
        assertThat(run("events", "--admin-url", server.adminUrl(), "--admin-token", READ_TOKEN)).isZero();
        assertThat(out.toString()).contains("InvalidParameterValue.FileId");
        assertThat(run("replay", "--dead", "--url", server.adminUrl(), "--admin-token", READ_TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("403").contains("needs the admin token");
        assertThat(dead()).isEqualTo(2);
    }

    @Test
    void thePublicListenerHasNoOperatorApi() {
        assertThat(run("events", "--url", server.baseUrl(), "--admin-token", ADMIN_TOKEN)).isEqualTo(2);
        assertThat(err.toString()).contains("404");
    }
}
