package dev.vodhook.store.media;

import dev.vodhook.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteMediaStoreTest extends MediaStoreContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open("jdbc:sqlite:" + dir.resolve("vodhook.db"));
    }
}
