package dev.vodhook.store.internal;

import dev.vodhook.events.EventParser;
import dev.vodhook.events.VodEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 5.1: fills {@code inbox.file_id} and {@code inbox.task_id} (added by V5) for the events stored
 * before V5, from their bodies, as intake fills them for new events. An unreadable body is left without ids. Runs
 * in batches by id on the migration's connection, inside its transaction.
 */
public final class FillInboxIds implements JavaMigration {
    private static final int BATCH = 500;

    /** The FileId and TaskId a body's event names, as intake takes them ({@link VodEvent#fileId()}, {@link VodEvent#taskId()}). */
    record Ids(Optional<String> fileId, Optional<String> taskId) {
        static Ids of(String body) {
            try {
                VodEvent event = EventParser.parse(body.getBytes(StandardCharsets.UTF_8));
                return new Ids(event.fileId(), event.taskId());
            } catch (RuntimeException e) {
                return new Ids(Optional.empty(), Optional.empty());
            }
        }
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("5.1");
    }

    @Override
    public String getDescription() {
        return "fill inbox file and task ids";
    }

    @Override
    public Integer getChecksum() {
        return 51;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        long last = 0;
        try (PreparedStatement select = c.prepareStatement(
                        "SELECT id, body FROM inbox WHERE id > ? AND file_id IS NULL AND task_id IS NULL ORDER BY id LIMIT "
                                + BATCH);
                PreparedStatement update = c.prepareStatement("UPDATE inbox SET file_id = ?, task_id = ? WHERE id = ?")) {
            while (true) {
                select.setLong(1, last);
                int rows = 0;
                int updates = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        last = rs.getLong(1);
                        Ids ids = Ids.of(rs.getString(2));
                        if (ids.fileId().isPresent() || ids.taskId().isPresent()) {
                            update.setString(1, Text.storable(ids.fileId().orElse(null)));
                            update.setString(2, Text.storable(ids.taskId().orElse(null)));
                            update.setLong(3, last);
                            update.addBatch();
                            updates++;
                        }
                    }
                }
                if (updates > 0) {
                    update.executeBatch();
                }
                if (rows < BATCH) {
                    return;
                }
            }
        }
    }
}
