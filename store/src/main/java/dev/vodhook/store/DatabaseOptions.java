package dev.vodhook.store;

import java.time.Duration;

/**
 * Pool and locking settings.
 *
 * @param maxPoolSize       PostgreSQL: connections in the pool. SQLite: read connections (writes
 *                          always go through one connection, see {@link Database})
 * @param connectionTimeout how long a caller waits for a free connection before failing
 * @param busyTimeout       SQLite only: how long a statement waits for a lock held by another
 *                          process (a CLI run against the same file, a checkpoint)
 */
public record DatabaseOptions(int maxPoolSize, Duration connectionTimeout, Duration busyTimeout) {
    public static final int DEFAULT_MAX_POOL_SIZE = 8;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);

    public DatabaseOptions {
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1: " + maxPoolSize);
        }
    }

    public static DatabaseOptions defaults() {
        return new DatabaseOptions(DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT, DEFAULT_BUSY_TIMEOUT);
    }

    public DatabaseOptions withMaxPoolSize(int size) {
        return new DatabaseOptions(size, connectionTimeout, busyTimeout);
    }
}
