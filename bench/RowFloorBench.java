import com.sun.management.OperatingSystemMXBean;
import dev.vodhook.store.Database;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * The floor of the storage work per ProcedureStateChanged FINISH event on SQLite (run by bench/run.sh floor): the
 * rows vodhook's schema needs for one event, written with plain JDBC in the fewest statements there can be, BATCH
 * events at a time, with none of the receiver's HTTP, JSON, JDBI or threads. Per batch, as the receiver commits
 * them: the inbox rows appended (one transaction), claimed (one), the handler's rows (media, task, seven outputs,
 * the media.ready notification with its ~2 KB body: one), marked DONE (one). Prints the CPU time per event (the
 * whole process: the fsyncs count) and events/s, after a warm-up, for the schema as it is and for variants that
 * show what a design change would save:
 * <ul>
 *   <li>{@code body-apart}: the event's body and headers in a table of their own, so that claiming and marking
 *       rewrite a small row instead of a 4 KB one;
 *   <li>{@code no-console-indexes}: without the console's indexes on inbox and media (V5);
 *   <li>{@code one-transaction}: claim, handle and mark in one transaction instead of three.
 * </ul>
 * Each variant gets a fresh database file. This is what no code on top of this schema can go below.
 *
 * <p>Usage: java -cp vodhook.jar bench/RowFloorBench.java DIR EVENTS BATCH
 */
public class RowFloorBench {
    private static final int OUTPUTS = 7;

    record Variant(String name, boolean bodyApart, boolean noConsoleIndexes, boolean oneTransaction,
            boolean perEvent) {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int events = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        String body = "{\"EventType\":\"ProcedureStateChanged\",\"pad\":\"" + "x".repeat(4000) + "\"}";
        String notification = "{\"type\":\"media.ready\",\"pad\":\"" + "y".repeat(1900) + "\"}";
        List<Variant> variants = List.of(
                new Variant("schema as it is", false, false, false, false),
                new Variant("per-event statements", false, false, false, true),
                new Variant("body-apart", true, false, false, false),
                new Variant("no-console-indexes", false, true, false, false),
                new Variant("one-transaction", false, false, true, false),
                new Variant("all three", true, true, true, false));
        boolean warm = false;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(warm ? i : 0); // the first run warms the JIT up and is not reported
            Path file = dir.resolve("floor-" + v.name().replaceAll("[^a-z]+", "-") + ".db");
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(Path.of(file + suffix));
            }
            try (Database db = Database.open("jdbc:sqlite:" + file)) {
                // the schema, migrated by the store itself
            }
            try (Connection c = connect(file)) {
                prepare(c, v);
                String result = run(c, v, events, batch, body, notification);
                if (warm) {
                    System.out.println(result);
                } else {
                    warm = true;
                    i--;
                }
            }
        }
    }

    private static Connection connect(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p);
        c.setAutoCommit(false);
        return c;
    }

    private static void prepare(Connection c, Variant v) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (v.bodyApart()) {
                s.execute("CREATE TABLE inbox_body (id INTEGER PRIMARY KEY, body TEXT NOT NULL,"
                        + " headers TEXT NOT NULL)");
            }
            if (v.noConsoleIndexes()) {
                for (String index : List.of("inbox_file", "inbox_task", "inbox_type", "inbox_source", "inbox_received",
                        "inbox_processed", "media_updated", "media_state")) {
                    s.execute("DROP INDEX " + index);
                }
            }
        }
        c.commit();
    }

    private static String run(Connection c, Variant v, int events, int batch, String body, String notification)
            throws SQLException {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = 0;
        long writtenStart = 0;
        long wallStart = 0;
        int warmUp = events / 5;
        int measured = 0;
        long run = System.nanoTime() % 1_000_000;
        for (int from = 0; from < events; from += batch) {
            if (from >= warmUp && wallStart == 0) {
                cpuStart = os.getProcessCpuTime();
                writtenStart = writtenBytes();
                wallStart = System.nanoTime();
            }
            int n = Math.min(batch, events - from);
            long now = System.currentTimeMillis();
            List<String> fileIds = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                fileIds.add("62858" + run + "-" + (from + i));
            }
            append(c, v, fileIds, body, now);
            c.commit();
            List<Long> ids = claim(c, v, n, now);
            if (!v.oneTransaction()) {
                c.commit();
            }
            if (v.perEvent()) {
                for (String f : fileIds) {
                    handleOne(c, f, notification, now);
                }
            } else {
                handle(c, fileIds, notification, now);
            }
            if (!v.oneTransaction()) {
                c.commit();
            }
            markDone(c, ids, now);
            c.commit();
            if (wallStart != 0) {
                measured += n;
            }
        }
        double seconds = (System.nanoTime() - wallStart) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
        return String.format("%-22s %7.3f ms CPU/event  %7.0f events/s  %6.1f KB written/event  (%d events,"
                + " batches of %d)", v.name(), cpuMs / measured, measured / seconds,
                (writtenBytes() - writtenStart) / 1024.0 / measured, measured, batch);
    }

    private static void append(Connection c, Variant v, List<String> fileIds, String body, long now)
            throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO inbox (received_at, source, event_type, format,"
                + " dedupe_key, body, headers, status, attempts, next_attempt_at, file_id, task_id) VALUES ");
        for (int i = 0; i < fileIds.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, 'PUSH', 'ProcedureStateChanged', 'V3', ?, ?, ?, 'PENDING',"
                    + " 0, ?, ?, ?)");
        }
        sql.append(" RETURNING id");
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (String f : fileIds) {
                ps.setLong(p++, now);
                ps.setString(p++, "ProcedureStateChanged:" + f + "t0:FINISH:0123456789abcdef");
                ps.setString(p++, v.bodyApart() ? "" : body);
                ps.setString(p++, v.bodyApart() ? "{}" : "{\"content-type\":\"application/json\"}");
                ps.setLong(p++, now);
                ps.setString(p++, f);
                ps.setString(p++, f + "t0");
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        if (v.bodyApart()) {
            StringBuilder bodies = new StringBuilder("INSERT INTO inbox_body (id, body, headers) VALUES ");
            for (int i = 0; i < ids.size(); i++) {
                bodies.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
            }
            try (PreparedStatement ps = c.prepareStatement(bodies.toString())) {
                int p = 1;
                for (long id : ids) {
                    ps.setLong(p++, id);
                    ps.setString(p++, body);
                    ps.setString(p++, "{\"content-type\":\"application/json\"}");
                }
                ps.executeUpdate();
            }
        }
    }

    private static List<Long> claim(Connection c, Variant v, int n, long now) throws SQLException {
        String returning = v.bodyApart()
                ? " RETURNING id, (SELECT body FROM inbox_body b WHERE b.id = inbox.id)"
                : " RETURNING id, body";
        List<Long> ids = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox SET status = 'PROCESSING',"
                + " attempts = attempts + 1, lease_owner = 'bench', lease_until = ?, next_attempt_at = ?"
                + " WHERE id IN (SELECT id FROM inbox WHERE status IN ('PENDING', 'PROCESSING')"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?)" + returning)) {
            ps.setLong(1, now + 60_000);
            ps.setLong(2, now + 60_000);
            ps.setLong(3, now);
            ps.setInt(4, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    rs.getString(2);
                }
            }
        }
        return ids;
    }

    private static void handle(Connection c, List<String> fileIds, String notification, long now)
            throws SQLException {
        int n = fileIds.size();
        insertPerFile(c, "INSERT INTO media (file_id, name, media_url, state, state_rank, procedure_task_id,"
                + " created_at, updated_at, notify_seq) VALUES "
                + rows(n, "(?, 'lesson-01', NULL, 'FINISHED', 3, NULL, ?, ?, 1)")
                + " ON CONFLICT (file_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                fileIds, f -> List.of(f, now, now));
        insertPerFile(c, "INSERT INTO task (task_id, file_id, kind, status, status_rank, err_code, message,"
                + " session_id, started_by_us, created_at, updated_at) VALUES "
                + rows(n, "(?, ?, 'Procedure', 'FINISH', 2, 0, '', 'job-9-transcode', 0, ?, ?)")
                + " ON CONFLICT (task_id) DO NOTHING", fileIds, f -> List.of(f + "t0", f, now, now));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO media_output (file_id, kind, definition, url,"
                + " width, height, bitrate, size, duration, container, status, err_code, err_code_ext, message,"
                + " task_id, created_at, updated_at) VALUES "
                + rows(n * OUTPUTS, "(?, 'Transcode', ?, ?, 640, 360, 465000, 3487500, 60.04, 'mp4', 'SUCCESS',"
                        + " 0, '', 'SUCCESS', ?, ?, ?)"))) {
            int p = 1;
            for (String f : fileIds) {
                for (int o = 0; o < OUTPUTS; o++) {
                    ps.setString(p++, f);
                    ps.setInt(p++, 100010 + o);
                    ps.setString(p++, "http://1500012345.vod2.myqcloud.com/0a1b2c3dvodtransgzp1500012345/" + f
                            + "/v.f" + (100010 + o) + ".mp4");
                    ps.setString(p++, f + "t0");
                    ps.setLong(p++, now);
                    ps.setLong(p++, now);
                }
            }
            ps.executeUpdate();
        }
        insertPerFile(c, "INSERT INTO notification (event_id, file_id, sequence, event_type, created_at, body)"
                + " VALUES " + rows(n, "(?, ?, 1, 'media.ready', ?, ?)") + " ON CONFLICT (event_id) DO NOTHING",
                fileIds, f -> List.of("msg_" + Integer.toHexString(f.hashCode()) + f, f, now, notification));
    }

    /** One multi-row statement with a row per FileId, bound in order from {@code values}. */
    private static void insertPerFile(Connection c, String sql, List<String> fileIds,
            Function<String, List<Object>> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            for (String f : fileIds) {
                for (Object value : values.apply(f)) {
                    ps.setObject(p++, value);
                }
            }
            ps.executeUpdate();
        }
    }

    /**
     * One event's rows as the receiver's handler writes them today, in statements of its own (prepared once per
     * event here; the receiver caches them): the media upsert, the task, one multi-row insert of its outputs, then
     * the notification's reads (endpoints, the media row, the task, the outputs) and its insert and sequence.
     */
    private static void handleOne(Connection c, String f, String notification, long now) throws SQLException {
        handle(c, List.of(f), notification, now);
        read(c, "SELECT types FROM notify_endpoint WHERE retired_at IS NULL");
        read(c, "SELECT state, notify_seq, name, media_url, procedure_task_id FROM media WHERE file_id = ?", f);
        read(c, "SELECT * FROM task WHERE task_id = ?", f + "t0");
        read(c, "SELECT task_id, kind, definition, url, width, height, bitrate, size, duration, container, status,"
                + " err_code, err_code_ext, message, deleted_at FROM media_output WHERE file_id = ?"
                + " ORDER BY kind, definition, url", f);
        try (PreparedStatement ps = c.prepareStatement("UPDATE media SET notify_seq = 1 WHERE file_id = ?")) {
            ps.setString(1, f);
            ps.executeUpdate();
        }
    }

    private static void read(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getString(i);
                    }
                }
            }
        }
    }

    private static void markDone(Connection c, List<Long> ids, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE inbox SET status = 'DONE', processed_at = ?,"
                + " lease_owner = NULL, lease_until = NULL WHERE id IN (" + rows(ids.size(), "?") + ")")) {
            ps.setLong(1, now);
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 2, ids.get(i));
            }
            ps.executeUpdate();
        }
    }

    /** What this process has written to storage so far (Linux /proc/self/io), 0 elsewhere. */
    private static long writtenBytes() {
        try {
            return Files.readAllLines(Path.of("/proc/self/io")).stream().filter(l -> l.startsWith("write_bytes:"))
                    .mapToLong(l -> Long.parseLong(l.substring("write_bytes:".length()).trim())).findFirst().orElse(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String rows(int n, String row) {
        return String.join(", ", Collections.nCopies(n, row));
    }
}
