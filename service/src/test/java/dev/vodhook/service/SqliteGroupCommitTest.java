package dev.vodhook.service;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

class SqliteGroupCommitTest extends GroupCommitContract {
    @TempDir
    Path dir;
    final AtomicInteger files = new AtomicInteger();

    @Override
    String databaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("vodhook-" + files.incrementAndGet() + ".db");
    }
}
