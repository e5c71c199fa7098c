package dev.vodhook.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * The SQLite driver's native library, copied once into a cache directory of the user and loaded from there. Left to
 * itself the driver copies it out of the jar into the temporary directory on every start, under a new name, reading
 * the 1 MB library twice (to write it, then to compare it), about a tenth of a receiver's start on one core.
 * The copy is named after the driver's version and the library's size and is written under another name, then
 * renamed into place: a start finds the whole library or none. Nothing changes when {@code org.sqlite.lib.path} is
 * set already, or when the copy cannot be made (the driver then does as it always did).
 */
public final class SqliteNativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final String PATH_PROPERTY = "org.sqlite.lib.path";
    private static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {}

    /** Before the first SQLite connection of this JVM: points the driver at the cached copy, made if missing. */
    public static synchronized void useCachedCopy() {
        if (System.getProperty(PATH_PROPERTY) != null) {
            return;
        }
        cacheDirectory().flatMap(SqliteNativeLibrary::copyIn).ifPresent(library -> {
            System.setProperty(PATH_PROPERTY, library.getParent().toString());
            System.setProperty(NAME_PROPERTY, library.getFileName().toString());
        });
    }

    /**
     * The driver's library for this platform in {@code directory}, copied there unless a copy of its size is there
     * already; empty when the driver has none for this platform or the copy fails.
     */
    static Optional<Path> copyIn(Path directory) {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        URL url = SQLiteJDBCLoader.class.getResource(resource);
        if (url == null) {
            return Optional.empty();
        }
        try {
            long size = url.openConnection().getContentLengthLong();
            if (size <= 0) {
                return Optional.empty();
            }
            Path library = directory.resolve("sqlite-" + SQLiteJDBCLoader.getVersion() + "-" + size + "-"
                    + LibraryLoaderUtil.getNativeLibName());
            if (Files.isRegularFile(library) && Files.size(library) == size) {
                return Optional.of(library);
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, library.getFileName().toString(), ".partial");
            try (InputStream in = url.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, library, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            log.info("Copied the SQLite driver's native library to {}: later starts load it from there", library);
            return Optional.of(library);
        } catch (IOException | RuntimeException e) {
            log.debug("Cannot keep the SQLite driver's native library in {} ({}); it is extracted on each start",
                    directory, e.toString());
            return Optional.empty();
        }
    }

    /** {@code $XDG_CACHE_HOME/vodhook/native}, else {@code ~/.cache/vodhook/native}; empty without a home. */
    private static Optional<Path> cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(Path.of(xdg, "vodhook", "native"));
        }
        String home = System.getProperty("user.home");
        if (home == null || home.isBlank() || home.equals("?")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "vodhook", "native"));
    }
}
