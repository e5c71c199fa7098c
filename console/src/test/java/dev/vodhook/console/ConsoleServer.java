package dev.vodhook.console;

import dev.vodhook.console.access.Tokens;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.ServiceMetrics;
import dev.vodhook.service.http.AdminContext;
import dev.vodhook.store.Database;
import dev.vodhook.testkit.SettableClock;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console alone on a real HTTP port (0: a free one) over a SQLite database in a temporary directory, with the
 * routes it registers on the admin listener; no processor, so what a test stores stays as it stored it.
 */
final class ConsoleServer implements AutoCloseable {
    static final String START = "2026-03-01T08:00:00Z";

    final SettableClock clock = SettableClock.at(START);
    final Database database;
    final ServiceMetrics metrics = new ServiceMetrics();
    final AtomicInteger wakes = new AtomicInteger();
    private final Console console;
    private final Javalin http;

    ConsoleServer(Path dir, Tokens tokens) {
        database = Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
        ServiceConfig config = ServiceConfig.defaults().withClock(clock).withDatabaseUrl(database.displayUrl());
        console = Console.withTokens(tokens);
        AdminContext context = new AdminContext(config, database, metrics, wakes::incrementAndGet, clock.instant());
        http = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            console.register(c.routes, context);
        }).start("127.0.0.1", 0);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.stop();
        console.close();
        database.close();
    }
}
