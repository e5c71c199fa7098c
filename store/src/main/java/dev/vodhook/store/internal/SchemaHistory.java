package dev.vodhook.store.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Whether a database's schema history already holds every migration this code bundles, so that Flyway's migrate
 * would apply nothing and its validation would pass: Flyway's scan of the classpath, its validation and its locks are
 * about a tenth of a receiver's start on one core, on every start. Only a history of exactly the bundled migrations,
 * each applied with success and with the checksum Flyway gives it now, counts; anything else (no history yet, a
 * migration pending, failed, changed or unknown to this code, as a newer vodhook's would be) is left to Flyway,
 * which migrates, repairs nothing and refuses as it always did.
 *
 * <p>The SQL migrations are listed in {@value #INDEX} (a test keeps it equal to the migration directory); their
 * checksums are Flyway's: the CRC-32 of each line's UTF-8 bytes without its line break, the raw file before
 * placeholders are filled.
 */
public final class SchemaHistory {
    /** The SQL migrations, one file name a line, beside the directory that holds them. */
    public static final String INDEX = "dev/vodhook/store/migrations.txt";
    private static final String HISTORY = "SELECT version, checksum, type, success FROM flyway_schema_history";

    /** One row of Flyway's history, as far as whether it is up to date goes. */
    record Applied(String version, Integer checksum, String type, boolean success) {}

    private final Set<Applied> bundled;
    private final String latest;

    private SchemaHistory(Set<Applied> bundled, String latest) {
        this.bundled = bundled;
        this.latest = latest;
    }

    /** The migrations in {@code location} (a class-path directory, as Flyway's {@code classpath:} names it). */
    public static SchemaHistory bundled(ClassLoader loader, String location, List<JavaMigration> java) {
        Set<Applied> rows = new HashSet<>();
        String latest = "0";
        for (String script : lines(loader, INDEX)) {
            if (!script.startsWith("V") || !script.contains("__") || !script.endsWith(".sql")) {
                throw new IllegalStateException(INDEX + " names a file that is no versioned migration: " + script);
            }
            String version = script.substring(1, script.indexOf("__")).replace('_', '.');
            rows.add(new Applied(version, checksum(loader, location + "/" + script), "SQL", true));
            latest = later(latest, version);
        }
        for (JavaMigration migration : java) {
            String version = migration.getVersion().getVersion();
            rows.add(new Applied(version, migration.getChecksum(), "JDBC", true));
            latest = later(latest, version);
        }
        return new SchemaHistory(Set.copyOf(rows), latest);
    }

    /** The version of the latest bundled migration. */
    public String latest() {
        return latest;
    }

    /**
     * True when the history in {@code source} is exactly the bundled migrations, each a success; false when it is
     * anything else or cannot be read (no history table yet).
     */
    public boolean isUpToDate(DataSource source) {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(HISTORY)) {
            Set<Applied> applied = new HashSet<>();
            int rows = 0;
            while (r.next()) {
                int checksum = r.getInt(2);
                applied.add(new Applied(r.getString(1), r.wasNull() ? null : checksum, r.getString(3),
                        r.getBoolean(4)));
                rows++;
            }
            return rows == bundled.size() && applied.equals(bundled);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Flyway's checksum of an SQL migration. */
    static int checksum(ClassLoader loader, String resource) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = reader(loader, resource)) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return (int) crc.getValue();
    }

    private static List<String> lines(ClassLoader loader, String resource) {
        try (BufferedReader lines = reader(loader, resource)) {
            return lines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static BufferedReader reader(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("no " + resource + " on the class path");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** The later of two versions of dot-separated whole numbers. */
    static String later(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return p > q ? a : b;
            }
        }
        return a;
    }
}
