package dev.vodhook.service;

import static dev.vodhook.service.TestEvents.upload;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The callback token, the operator tokens and the sign keys appear in no log line, whatever goes wrong. */
class SecretsInLogsTest {
    static final String CALLBACK_TOKEN = "cb-t0ken-4f1e";
    static final String ADMIN_TOKEN = "adm1n-t0ken-9b2d";
    static final String READ_TOKEN = "r3ad-t0ken-7c3a";
    static final String SIGN_KEY = "S1gnKeyNotForLogs";

    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);
    final Logger vodhook = (Logger) LoggerFactory.getLogger("dev.vodhook");
    final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void attach() {
        lines.start();
        vodhook.addAppender(lines);
    }

    @AfterEach
    void detach() {
        vodhook.detachAppender(lines);
    }

    @Test
    void noSecretIsLoggedAtStartOnRefusalsOrWhenTheDatabaseFails() {
        try (VodhookServer server = VodhookServer.start(TestReceivers.config(dir, clock)
                .withCallbackToken(CALLBACK_TOKEN).withAdminToken(ADMIN_TOKEN).withReadToken(READ_TOKEN)
                .withSignKeys(SIGN_KEY), new RecordingMediaProcessing())) {
            Http callbacks = new Http(server.baseUrl());
            callbacks.post("/callback/" + CALLBACK_TOKEN, upload("1"));
            callbacks.post("/callback/" + CALLBACK_TOKEN, "{\"EventType\":");
            new Http(server.adminUrl()).withBearer(ADMIN_TOKEN + "x").get("/api/events");
            server.database().close();

            assertThat(callbacks.post("/callback/" + CALLBACK_TOKEN, upload("2"), "Sign", "00", "T", "1").status())
                    .isEqualTo(401);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(l -> assertThat(l).startsWith("Starting vodhook receiver").contains("callback-token=****",
                        "admin-token ****", "read-token ****", "sign-key=1 key(s) ****"))
                .allSatisfy(l -> assertThat(l).doesNotContain(CALLBACK_TOKEN, ADMIN_TOKEN, READ_TOKEN, SIGN_KEY));
    }

    @Test
    void aFailingRequestOnTheTokenPathIsLoggedWithoutTheToken() {
        try (VodhookServer server = VodhookServer.start(TestReceivers.config(dir, clock)
                .withCallbackToken(CALLBACK_TOKEN), new RecordingMediaProcessing())) {
            server.database().close();

            assertThat(new Http(server.baseUrl()).post("/callback/" + CALLBACK_TOKEN, upload("1")).status())
                    .isEqualTo(503);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(l -> assertThat(l).contains("POST /callback/<token>"))
                .allSatisfy(l -> assertThat(l).doesNotContain(CALLBACK_TOKEN));
    }
}
