package dev.vodhook.service.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vodhook.service.Http;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.TestReceivers;
import dev.vodhook.service.VodhookServer;
import dev.vodhook.service.handlers.RecordingMediaProcessing;
import dev.vodhook.service.reconcile.FakeTaskDetails;
import dev.vodhook.testkit.SettableClock;
import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages given to the receiver (the console) are served by its admin listener only, and closed with it. */
class AdminPagesTest {
    @TempDir
    Path dir;

    final SettableClock clock = SettableClock.at(TestReceivers.START);

    /** One page at {@code /page}, open to whoever the admin listener lets through; it says what it was given. */
    static final class RecordingPages implements AdminPages {
        final AtomicReference<AdminContext> context = new AtomicReference<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void register(RoutesConfig routes, AdminContext given) {
            context.set(given);
            routes.get("/page", ctx -> ctx.result("a page of " + given.database().dialect()));
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void theAdminListenerServesThePagesBesideTheApiAndThePublicOneDoesNot() {
        RecordingPages pages = new RecordingPages();
        ServiceConfig config = TestReceivers.config(dir, clock).withAdminToken("s3cret");
        try (VodhookServer server = VodhookServer.start(config, new RecordingMediaProcessing(), new FakeTaskDetails(),
                pages)) {
            assertThat(new Http(server.adminUrl()).get("/page").body()).isEqualTo("a page of SQLITE");
            assertThat(new Http(server.baseUrl()).get("/page").status()).isEqualTo(404);
            // the API's routes still need the token; the pages' own routes are theirs to guard
            assertThat(new Http(server.adminUrl()).get("/api/events").status()).isEqualTo(401);
            assertThat(pages.context.get().database()).isSameAs(server.database());
            assertThat(pages.context.get().startedAt()).isEqualTo(clock.instant());
            assertThat(pages.closed).isFalse();
        }
        assertThat(pages.closed).isTrue();
    }
}
