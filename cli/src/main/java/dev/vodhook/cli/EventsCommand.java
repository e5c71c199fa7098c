package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vodhook events}: the stored events of a running receiver, newest first. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Lists the events a running receiver stored, newest first (GET /api/events).",
                "Example: vodhook events --status DEAD --type NewFileUpload --since 2026-03-01T00:00:00Z"})
public final class EventsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReceiverUrl receiver;

    @Option(names = "--status", description = "PENDING, PROCESSING, DONE or DEAD")
    String status;

    @Option(names = "--type", description = "EventType, e.g. NewFileUpload")
    String type;

    @Option(names = "--since", paramLabel = "ISO", description = "received at or after, e.g. 2026-03-01T00:00:00Z")
    String since;

    @Option(names = "--until", paramLabel = "ISO", description = "received before")
    String until;

    @Option(names = "--limit", defaultValue = "50", description = "at most this many (1 to 500, default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("type", type);
        query.put("since", since);
        query.put("until", until);
        query.put("limit", String.valueOf(limit));
        JsonNode answer = receiver.api().events(query);
        PrintWriter out = spec.commandLine().getOut();
        JsonNode events = answer.path("events");
        if (events.isEmpty()) {
            out.println("no events match");
        } else {
            out.printf("%-8s %-24s %-5s %-24s %-10s %-8s %s%n", "ID", "RECEIVED", "FROM", "TYPE", "STATUS", "ATTEMPTS",
                    "LAST ERROR");
            for (JsonNode e : events) {
                String error = e.path("lastError").asText("");
                out.printf("%-8s %-24s %-5s %-24s %-10s %-8s %s%n", e.path("id").asText(), e.path("receivedAt").asText(),
                        e.path("source").asText(), e.path("eventType").asText(), e.path("status").asText(),
                        e.path("attempts").asText(), error.length() > 80 ? error.substring(0, 79) + "…" : error);
            }
        }
        if (!answer.path("nextBefore").isNull() && !answer.path("nextBefore").isMissingNode()) {
            out.println("(more: GET /api/events?before=" + answer.path("nextBefore").asText() + ")");
        }
        out.flush();
        return 0;
    }
}
