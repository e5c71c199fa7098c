package dev.vodhook.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodhook.cli.config.ConfigException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vodhook replay}: put one event, or every DEAD event matching a filter, back in a receiver's queue. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Puts events of a running receiver back in its queue, due now with a fresh attempt budget.",
                "One by id (POST /api/events/{id}/replay), or with --dead every DEAD event matching"
                        + " --type/--since/--until (POST /api/events/replay).",
                "Examples: vodhook replay 42    vodhook replay --dead --type NewFileUpload --since 2026-03-01T00:00:00Z"})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReceiverUrl receiver;

    @Parameters(arity = "0..1", paramLabel = "ID", description = "the event's id (see vodhook events)")
    Long id;

    @Option(names = "--dead", description = "replay every DEAD event that matches the filter")
    boolean dead;

    @Option(names = "--type", description = "with --dead: only this EventType")
    String type;

    @Option(names = "--since", paramLabel = "ISO", description = "with --dead: received at or after")
    String since;

    @Option(names = "--until", paramLabel = "ISO", description = "with --dead: received before")
    String until;

    @Override
    public Integer call() {
        if ((id == null) == !dead) {
            throw new ConfigException("give either an event id or --dead (with --type, --since, --until)");
        }
        if (id != null && (type != null || since != null || until != null)) {
            throw new ConfigException("--type, --since and --until go with --dead, not with an id");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (id != null) {
            JsonNode answer = receiver.api().replay(id);
            out.println("event " + answer.path("id").asText() + " " + answer.path("result").asText().toLowerCase()
                    + "; it will be handled again now");
        } else {
            Map<String, String> filter = new LinkedHashMap<>();
            filter.put("status", "DEAD");
            filter.put("type", type);
            filter.put("since", since);
            filter.put("until", until);
            int replayed = receiver.api().replayMatching(filter).path("replayed").asInt();
            out.println(replayed + " DEAD event" + (replayed == 1 ? "" : "s") + " replayed; "
                    + (replayed == 0 ? "nothing to do" : "they will be handled again now"));
        }
        out.flush();
        return 0;
    }
}
