import dev.vodhook.store.Database;
import dev.vodhook.store.inbox.EventSource;
import dev.vodhook.store.inbox.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inbox's append path alone (run by bench/run.sh store), with the fat jar on the class path: no HTTP, no JSON,
 * one thread calling {@code Inbox.appendAll} with batches of BATCH ~4 KB NewFileUpload events, each batch one
 * durable transaction, as the group commit does under load. Prints events/s and microseconds per event after the
 * first fifth (warm-up). This is the ceiling the single SQLite writer puts on push intake, before HTTP shares the
 * cores with it.
 *
 * <p>Usage: java -cp vodhook.jar bench/StoreBench.java JDBC-URL EVENTS BATCH
 */
public class StoreBench {
    public static void main(String[] args) {
        String database = args[0];
        int events = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        String pad = "x".repeat(3300);
        try (Database db = Database.open(database)) {
            int warmUp = events / 5;
            long started = 0;
            for (int from = 0; from < events; from += batchSize) {
                if (started == 0 && from >= warmUp) {
                    started = System.nanoTime();
                    warmUp = from;
                }
                List<IncomingEvent> batch = new ArrayList<>(batchSize);
                Instant now = Instant.now();
                for (int i = from; i < Math.min(events, from + batchSize); i++) {
                    String fileId = String.valueOf(5285890700000000000L + i);
                    String body = "{\"EventType\":\"NewFileUpload\",\"FileUploadEvent\":{\"FileId\":\"" + fileId
                            + "\",\"MediaBasicInfo\":{\"Name\":\"bench\",\"Description\":\"" + pad
                            + "\"},\"ProcedureTaskId\":\"\"}}";
                    batch.add(new IncomingEvent(now, EventSource.PUSH, "NewFileUpload", "V3",
                            "NewFileUpload:" + fileId, body, Map.of("content-type", "application/json",
                                    "remote-addr", "127.0.0.1")));
                }
                db.inbox().appendAll(batch);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int measured = events - warmUp;
            System.out.printf("%-44s %7.0f events/s   %5.1f us/event   (%d events in batches of %d, one thread)%n",
                    "inbox append alone, " + db.dialect(), measured / seconds, seconds * 1e6 / measured, measured,
                    batchSize);
        }
    }
}
