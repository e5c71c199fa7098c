package dev.vodhook.store.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file on its own thread and connection, so that
 * the single writer rarely has to. Left to itself, SQLite checkpoints inside the commit that takes
 * the log past 1,000 pages: the writer then copies those pages and syncs the database file while
 * every waiting event waits with it. Here a PASSIVE checkpoint (it never blocks the writer or a
 * reader) runs whenever the log has grown; the writer's own automatic checkpoint stays on as the
 * backstop that lets the log restart from its beginning, and finds little left to copy.
 *
 * <p>Durability does not change: a commit is on disk once its log frames are synced, whether or not
 * they have been copied yet. {@link #runOnce()} steps it for tests.
 */
public final class WalCheckpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    /** The result of one {@code PRAGMA wal_checkpoint(PASSIVE)}. */
    record Checkpoint(boolean busy, int logFrames, int copiedFrames) {
        boolean behind() {
            return copiedFrames < logFrames;
        }
    }

    private final DataSource source;
    private final Duration busyPause;
    private final Duration idlePause;
    private volatile boolean closing;
    private Thread thread;

    /**
     * @param busyPause pause between checkpoints while the log keeps growing
     * @param idlePause pause after a checkpoint that found nothing to copy
     */
    public WalCheckpointer(DataSource source, Duration busyPause, Duration idlePause) {
        this.source = source;
        this.busyPause = busyPause;
        this.idlePause = idlePause;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("checkpointer already started");
        }
        thread = Thread.ofPlatform().name("vodhook-sqlite-checkpoint").daemon().start(this::runUntilClosed);
    }

    /** One PASSIVE checkpoint on a connection of its own. */
    Checkpoint runOnce() throws SQLException {
        try (Connection c = source.getConnection()) {
            return checkpoint(c);
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runUntilClosed() {
        Connection c = null;
        boolean failing = false;
        try {
            while (!closing) {
                try {
                    if (c == null) {
                        c = source.getConnection();
                    }
                    Checkpoint done = checkpoint(c);
                    if (failing) {
                        log.info("Background WAL checkpoints work again");
                        failing = false;
                    }
                    pause(done.behind() || done.copiedFrames() > 0 ? busyPause : idlePause);
                } catch (SQLException e) {
                    // the writer's own checkpoints keep the log in bounds meanwhile; nothing is lost. Said
                    // once per run of failures, not every pause.
                    if (!failing) {
                        log.warn("A background WAL checkpoint failed: {}; the writer checkpoints by itself"
                                + " meanwhile, and this thread tries again every {}", e.getMessage(), idlePause);
                        failing = true;
                    }
                    closeQuietly(c);
                    c = null;
                    pause(idlePause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(c);
        }
    }

    private static Checkpoint checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            if (!rs.next()) {
                throw new SQLException("PRAGMA wal_checkpoint returned no row");
            }
            return new Checkpoint(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
        }
    }

    private void pause(Duration pause) throws InterruptedException {
        if (!closing) {
            Thread.sleep(pause);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("Closing the checkpoint connection failed: {}", e.getMessage());
            }
        }
    }
}
