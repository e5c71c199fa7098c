package dev.vodhook.cli;

import dev.vodhook.cli.config.Settings;
import dev.vodhook.console.Console;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vodhook serve}: the receiver alone, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the receiver: takes VOD's events in, stores them and acts on them.",
                "POST /callback takes VOD's normal callbacks, stores each event before answering 200, and processes"
                        + " it (NewFileUpload -> ProcessMedia; ProcedureStateChanged -> outputs).",
                "Settings come from --config FILE, then env (SECRET_ID, SECRET_KEY, VODHOOK_*), then flags;"
                        + " vodhook config lists every key."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReceiverOptions options;

    @Override
    public Integer call() throws Exception {
        Settings settings = options.settings(System.getenv());
        ServiceConfig config = ReceiverOptions.serviceConfig(settings);
        PrintWriter out = spec.commandLine().getOut();
        Settings.appIdWarning(System.getenv(), settings).ifPresent(w -> spec.commandLine().getErr()
                .println("vodhook: warning: " + w));
        out.println("Settings:");
        settings.describe().forEach(line -> out.println("  " + line));
        try (VodhookServer server = VodhookServer.start(config, Console.create())) {
            printListeners(out, server);
            out.flush();
            Shutdown.awaitSignal();
        }
        return 0;
    }

    /** Where callbacks go and where the operator side is, with what guards each. */
    static void printListeners(PrintWriter out, VodhookServer server) {
        ServiceConfig config = server.config();
        String guards = (config.callbackToken().isPresent() ? "token in the path" : "no token")
                + (config.signature().required() ? ", VOD's Sign/T checked" : ", unsigned");
        out.println("Receiver listening");
        out.println("  callbacks: POST " + server.baseUrl() + "/callback" + (config.callbackToken().isPresent()
                ? "/<token>" : "") + "   (" + guards + ")    health: GET " + server.baseUrl() + "/healthz");
        String admin = config.admin().token().isPresent()
                ? "Authorization: Bearer <admin-token>" + (config.admin().readToken().isPresent() ? " or <read-token>" : "")
                : "no token: " + (ServiceConfig.isLoopback(config.admin().host()) ? "this machine only" : "open");
        out.println("  console:   " + server.adminUrl() + "/   (" + admin + "; a browser signs in with the token)");
        out.println("  operator:  GET  " + server.adminUrl() + "/api/media/{fileId}, /api/events    metrics: GET "
                + server.adminUrl() + "/metrics   (" + admin + ")");
    }
}
