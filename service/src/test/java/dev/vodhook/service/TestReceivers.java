package dev.vodhook.service;

import dev.vodhook.service.processing.RetryPolicy;
import dev.vodhook.service.processing.WorkerSettings;
import dev.vodhook.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;

/** Receiver configs for tests: ports 0 on loopback (public and admin), SQLite in a temporary directory, quick retries. */
public final class TestReceivers {
    public static final String START = "2026-03-01T08:00:00Z";

    private TestReceivers() {}

    public static ServiceConfig config(Path dir, SettableClock clock) {
        return ServiceConfig.defaults()
                .withPort(0)
                .withBindHost("127.0.0.1")
                .withAdminPort(0)
                .withDatabaseUrl("jdbc:sqlite:" + dir.resolve("vodhook.db"))
                .withCredentials("AKIDtest", "test-secret-key")
                .withWorker(new WorkerSettings(Duration.ofMillis(200), 16, Duration.ofSeconds(30), Duration.ofSeconds(5)))
                .withRetry(RetryPolicy.defaults().withJitter(0))
                .withClock(clock);
    }
}
