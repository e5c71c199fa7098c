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

/** {@code vodhook deliveries}: the notifications a running receiver sent (or is sending) to the application. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        subcommands = {DeliveriesCommand.Replay.class, DeliveriesCommand.Enable.class},
        description = {"Lists the deliveries of vodhook's notifications, newest first (GET /api/deliveries).",
                "Examples: vodhook deliveries --status DEAD    vodhook deliveries replay 42",
                "          vodhook deliveries replay --dead --endpoint https://app/hooks --since 2026-03-01T00:00:00Z"})
public final class DeliveriesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReceiverUrl receiver;

    @Option(names = "--endpoint", paramLabel = "URL", description = "only to this endpoint")
    String endpoint;

    @Option(names = "--status", description = "WAITING, PENDING, SENDING, DELIVERED or DEAD")
    String status;

    @Option(names = "--media", paramLabel = "FILEID", description = "only about this media")
    String fileId;

    @Option(names = "--since", paramLabel = "ISO", description = "notifications written at or after")
    String since;

    @Option(names = "--until", paramLabel = "ISO", description = "notifications written before")
    String until;

    @Option(names = "--limit", defaultValue = "50", description = "at most this many (1 to 500, default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("endpoint", endpoint);
        query.put("status", status);
        query.put("fileId", fileId);
        query.put("since", since);
        query.put("until", until);
        query.put("limit", String.valueOf(limit));
        JsonNode answer = receiver.api().deliveries(query);
        PrintWriter out = spec.commandLine().getOut();
        JsonNode list = answer.path("deliveries");
        if (list.isEmpty()) {
            out.println("no deliveries match");
        } else {
            out.printf("%-8s %-18s %-22s %-4s %-10s %-8s %-30s %s%n", "ID", "TYPE", "FILEID", "SEQ", "STATUS",
                    "ATTEMPTS", "ENDPOINT", "LAST ANSWER");
            for (JsonNode d : list) {
                String last = d.path("lastError").asText("");
                out.printf("%-8s %-18s %-22s %-4s %-10s %-8s %-30s %s%n", d.path("id").asText(),
                        d.path("type").asText(), d.path("fileId").asText(), d.path("sequence").asText(),
                        d.path("status").asText(), d.path("attempts").asText(), d.path("endpoint").asText(),
                        last.length() > 60 ? last.substring(0, 59) + "…" : last);
            }
        }
        if (!answer.path("nextBefore").isNull() && !answer.path("nextBefore").isMissingNode()) {
            out.println("(more: GET /api/deliveries?before=" + answer.path("nextBefore").asText() + ")");
        }
        out.flush();
        return 0;
    }

    /** {@code vodhook deliveries replay ID | --dead --endpoint URL [--since] [--until]}. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Sends deliveries again, due now with a fresh attempt budget.",
                    "One by id (POST /api/deliveries/{id}/replay), or with --dead every DEAD delivery to --endpoint"
                            + " of a notification written in --since/--until (POST /api/deliveries/replay), in order"
                            + " per media."})
    static final class Replay implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ReceiverUrl receiver;

        @Parameters(arity = "0..1", paramLabel = "ID", description = "the delivery's id (see vodhook deliveries)")
        Long id;

        @Option(names = "--dead", description = "replay every DEAD delivery to --endpoint in the time range")
        boolean dead;

        @Option(names = "--endpoint", paramLabel = "URL", description = "with --dead: the endpoint")
        String endpoint;

        @Option(names = "--since", paramLabel = "ISO", description = "with --dead: written at or after")
        String since;

        @Option(names = "--until", paramLabel = "ISO", description = "with --dead: written before")
        String until;

        @Override
        public Integer call() {
            if ((id == null) == !dead) {
                throw new ConfigException("give either a delivery id or --dead --endpoint URL (with --since, --until)");
            }
            PrintWriter out = spec.commandLine().getOut();
            if (id != null) {
                receiver.api().replayDelivery(id);
                out.println("delivery " + id + " replayed; it is sent again now");
            } else {
                if (endpoint == null || endpoint.isBlank()) {
                    throw new ConfigException("--dead needs --endpoint URL");
                }
                int n = receiver.api().replayDeadDeliveries(endpoint, since, until).path("replayed").asInt();
                out.println(n + " DEAD deliver" + (n == 1 ? "y" : "ies") + " to " + endpoint + " replayed"
                        + (n == 0 ? "; nothing to do" : "; they are sent again now, in order per media"));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code vodhook deliveries enable URL}: an endpoint a 410 disabled takes notifications again. */
    @Command(name = "enable", mixinStandardHelpOptions = true,
            description = "Lets notifications go again to an endpoint that answered 410 Gone (POST /api/notify/endpoints/enable).")
    static final class Enable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ReceiverUrl receiver;

        @Parameters(paramLabel = "URL", description = "the endpoint")
        String url;

        @Override
        public Integer call() {
            receiver.api().enableEndpoint(url);
            spec.commandLine().getOut().println("endpoint " + url + " enabled; its queued notifications go now");
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
