package dev.vodhook.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {

    @TempDir
    Path cache;

    @Test
    void theFirstStartCopiesTheDriversLibraryWholeAndLaterOnesFindItThere() throws IOException {
        Path library = SqliteNativeLibrary.copyIn(cache.resolve("native")).orElseThrow();
        FileTime copied = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(library, copied);

        Path again = SqliteNativeLibrary.copyIn(cache.resolve("native")).orElseThrow();

        assertThat(Files.readAllBytes(library)).isEqualTo(driversLibrary());
        assertThat(library.getFileName().toString()).startsWith("sqlite-" + SQLiteJDBCLoader.getVersion() + "-");
        assertThat(again).isEqualTo(library);
        assertThat(Files.getLastModifiedTime(again)).isEqualTo(copied);
        try (var files = Files.list(library.getParent())) {
            assertThat(files).containsExactly(library);
        }
    }

    @Test
    void aCopyCutShortIsReplacedByAWholeOne() throws IOException {
        Path library = SqliteNativeLibrary.copyIn(cache).orElseThrow();
        Files.write(library, new byte[] {0x7f, 'E', 'L', 'F'});

        Path again = SqliteNativeLibrary.copyIn(cache).orElseThrow();

        assertThat(again).isEqualTo(library);
        assertThat(Files.readAllBytes(again)).isEqualTo(driversLibrary());
    }

    @Test
    void aDirectoryThatCannotBeMadeLeavesTheDriverToExtractItAsBefore() throws IOException {
        Path file = Files.writeString(cache.resolve("not-a-directory"), "");

        assertThat(SqliteNativeLibrary.copyIn(file.resolve("native"))).isEmpty();
    }

    private static byte[] driversLibrary() throws IOException {
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            return in.readAllBytes();
        }
    }
}
