package dev.vodhook.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vodhook.store.inbox.Inbox;
import dev.vodhook.store.inbox.InboxActivity;
import dev.vodhook.store.internal.FillInboxIds;
import dev.vodhook.store.internal.SchemaHistory;
import dev.vodhook.store.internal.SqliteNativeLibrary;
import dev.vodhook.store.internal.Storage;
import dev.vodhook.store.internal.WalCheckpointer;
import dev.vodhook.store.media.MediaCatalog;
import dev.vodhook.store.media.MediaStore;
import dev.vodhook.store.outbox.Outbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An open vodhook database: connection pools, schema migrated, and the stores on top.
 *
 * <p>SQLite ({@code jdbc:sqlite:<file>}, the default) allows one writer at a time. Rather than
 * letting several connections race for the file lock (SQLite's busy handler sleeps and retries,
 * which is slow and unfair, and a deferred transaction that upgrades to write fails outright in
 * WAL mode), every write goes through a pool of exactly one connection whose transactions start
 * with {@code BEGIN IMMEDIATE}: writers queue in the JVM, in order, and a batch of writes costs one
 * commit. Reads use a separate small pool of query-only connections, which WAL lets run alongside
 * the writer, so the API and health checks never wait behind a write. The file is opened with
 * {@code journal_mode=WAL}, {@code synchronous=FULL} (a committed event survives power loss) and a
 * busy timeout for locks held by other processes, and its parent directory is created.
 *
 * <p>PostgreSQL ({@code jdbc:postgresql://...}, user and password as URL parameters if needed) uses
 * one pool for both; several vodhook instances may share one database.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String MIGRATIONS_DIRECTORY = "dev/vodhook/store/db";
    private static final String MIGRATIONS = "classpath:" + MIGRATIONS_DIRECTORY;
    /** Background WAL checkpoints (SQLite): soon after commits while the log grows, rarely when idle. */
    private static final Duration CHECKPOINT_BUSY_PAUSE = Duration.ofMillis(5);
    private static final Duration CHECKPOINT_IDLE_PAUSE = Duration.ofMillis(200);

    private final String displayUrl;
    private final Dialect dialect;
    private final HikariDataSource writerPool;
    private final HikariDataSource readerPool;
    private final Storage storage;
    private final Inbox inbox;
    private final MediaStore media;
    private final Outbox outbox;
    private final MediaCatalog catalog;
    private final InboxActivity activity;
    private final Optional<WalCheckpointer> checkpointer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(String displayUrl, Dialect dialect, HikariDataSource writerPool, HikariDataSource readerPool,
            Optional<WalCheckpointer> checkpointer) {
        this.displayUrl = displayUrl;
        this.checkpointer = checkpointer;
        this.dialect = dialect;
        this.writerPool = writerPool;
        this.readerPool = readerPool;
        this.storage = new Storage(Jdbi.create(writerPool), Jdbi.create(readerPool), dialect);
        this.inbox = new Inbox(storage);
        this.outbox = new Outbox(storage);
        this.media = new MediaStore(storage, inbox, outbox);
        this.catalog = new MediaCatalog(storage);
        this.activity = new InboxActivity(storage);
    }

    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, DatabaseOptions.defaults());
    }

    /** Opens the pools and brings the schema up to date; fails with {@link StoreException}. */
    public static Database open(String jdbcUrl, DatabaseOptions options) {
        Dialect dialect = Dialect.of(jdbcUrl);
        String displayUrl = redact(jdbcUrl);
        HikariDataSource writer = null;
        HikariDataSource reader = null;
        try {
            if (dialect == Dialect.SQLITE) {
                createParentDirectory(jdbcUrl);
                SqliteNativeLibrary.useCachedCopy();
                writer = new HikariDataSource(sqlitePool("vodhook-sqlite-writer", jdbcUrl, options, true, 1));
                migrate(writer, dialect, displayUrl);
                reader = new HikariDataSource(
                        sqlitePool("vodhook-sqlite-reader", jdbcUrl, options, false, options.maxPoolSize()));
                WalCheckpointer checkpointer = new WalCheckpointer(sqliteSource(jdbcUrl, options, false),
                        CHECKPOINT_BUSY_PAUSE, CHECKPOINT_IDLE_PAUSE);
                checkpointer.start();
                return new Database(displayUrl, dialect, writer, reader, Optional.of(checkpointer));
            } else {
                writer = new HikariDataSource(postgresPool(jdbcUrl, options));
                migrate(writer, dialect, displayUrl);
                return new Database(displayUrl, dialect, writer, writer, Optional.empty());
            }
        } catch (RuntimeException e) {
            closeQuietly(reader);
            closeQuietly(writer);
            if (e instanceof StoreException || e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new StoreException("cannot open database " + displayUrl + ": " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public Inbox inbox() {
        return inbox;
    }

    public MediaStore media() {
        return media;
    }

    /** vodhook's notifications to the application: endpoints, the delivery queue, and its log. */
    public Outbox outbox() {
        return outbox;
    }

    /** Media listings (the console's). */
    public MediaCatalog catalog() {
        return catalog;
    }

    /** What went through the inbox over time (the console's overview). */
    public InboxActivity activity() {
        return activity;
    }

    /** Checks that the database answers; throws {@link StoreException} when it does not. */
    public void ping() {
        storage.read("ping", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    /** The URL with any password removed, for logs. */
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            checkpointer.ifPresent(WalCheckpointer::close);
            storage.close();
            if (readerPool != writerPool) {
                readerPool.close();
            }
            writerPool.close();
            log.info("Closed database {}", displayUrl);
        }
    }

    @Override
    public String toString() {
        return "Database[" + displayUrl + "]";
    }

    private static HikariConfig sqlitePool(String name, String url, DatabaseOptions options, boolean writer, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(sqliteSource(url, options, writer));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        if (!writer) {
            config.setConnectionInitSql("PRAGMA query_only = true");
        }
        return config;
    }

    /**
     * Connections in WAL mode with a sync per commit; the writer's transactions take the write lock at BEGIN and
     * keep their savepoints' journal in memory ({@code temp_store=MEMORY}): the writer runs each of a shared
     * transaction's writes under a savepoint, whose journal of the pages it changes otherwise went to a temporary
     * file, a sixth of what the full workload wrote per event (bench/run.sh small). It is bounded by one
     * transaction's pages and is not needed to recover from a crash (the WAL is). Readers keep the default, so that
     * a large sort of theirs may spill to disk.
     */
    static SQLiteDataSource sqliteSource(String url, DatabaseOptions options, boolean writer) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout((int) options.busyTimeout().toMillis());
        if (writer) {
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        }
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(url);
        return source;
    }

    private static HikariConfig postgresPool(String url, DatabaseOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("vodhook-postgresql");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(options.maxPoolSize());
        config.setMinimumIdle(Math.min(2, options.maxPoolSize()));
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        return config;
    }

    /**
     * Brings the schema up to date with Flyway, unless its history holds every bundled migration already
     * ({@link SchemaHistory}: then Flyway would apply nothing and validate, a tenth of a start spent for nothing).
     */
    private static void migrate(HikariDataSource pool, Dialect dialect, String displayUrl) {
        FillInboxIds java = new FillInboxIds();
        SchemaHistory bundled = SchemaHistory.bundled(Database.class.getClassLoader(), MIGRATIONS_DIRECTORY,
                List.of(java));
        if (bundled.isUpToDate(pool)) {
            log.info("Opened {} database {}: schema version {}, up to date", dialect, displayUrl, bundled.latest());
            return;
        }
        try {
            MigrateResult result = Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(MIGRATIONS)
                    .placeholders(dialect.placeholders())
                    .javaMigrations(java)
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            log.info("Opened {} database {}: schema version {}, {} migration(s) applied",
                    dialect, displayUrl, result.targetSchemaVersion == null ? result.initialSchemaVersion
                            : result.targetSchemaVersion, result.migrationsExecuted);
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate database " + displayUrl + ": " + e.getMessage(), e);
        }
    }

    private static void createParentDirectory(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isBlank() || path.equals(":memory:") || path.contains("mode=memory")) {
            throw new IllegalArgumentException("SQLite needs a file (jdbc:sqlite:<path>), not memory: " + jdbcUrl);
        }
        if (path.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }

    private static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static void closeQuietly(HikariDataSource pool) {
        if (pool != null) {
            pool.close();
        }
    }
}
