package dev.vodhook.cli;

import dev.vodhook.cli.config.Settings;
import dev.vodhook.emulator.EmulatorConfig;
import dev.vodhook.emulator.LocalVod;
import dev.vodhook.console.Console;
import dev.vodhook.service.ServiceConfig;
import dev.vodhook.service.VodhookServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vodhook up}: the local VOD and the receiver together, wired to each other, until interrupted. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Runs the local VOD and the receiver together on this machine.",
                "The VOD pushes its events to the receiver; their URLs are printed, with commands to try."})
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--vod-port", defaultValue = "9000", description = "local VOD port (default ${DEFAULT-VALUE}; 0 = free)")
    int vodPort;

    @Option(names = "--port", defaultValue = "8080", description = "receiver's callback port (default ${DEFAULT-VALUE}; 0 = free)")
    int port;

    @Option(names = "--admin-port", defaultValue = "8081", description = "receiver's operator API port (default ${DEFAULT-VALUE}; 0 = free)")
    int adminPort;

    @Option(names = "--data", defaultValue = "./data", description = "directory for the database and media (default ${DEFAULT-VALUE})")
    Path data;

    @Override
    public Integer call() throws Exception {
        EmulatorConfig vodConfig = EmulatorConfig.defaults().withPort(vodPort).withDataDir(data.resolve("vod"));
        vodConfig = Settings.accountAppId(System.getenv()).map(vodConfig::withAppId).orElse(vodConfig);
        String id = vodConfig.secretId();
        String key = vodConfig.secretKey();
        try (LocalVod vod = LocalVod.start(vodConfig);
             VodhookServer receiver = VodhookServer.start(ServiceConfig.defaults()
                     .withBindHost("127.0.0.1")
                     .withPort(port)
                     .withAdminPort(adminPort)
                     .withVodEndpoint(vod.baseUrl())
                     .withCredentials(id, key)
                     .withDatabaseUrl("jdbc:sqlite:" + data.resolve("vodhook.db")), Console.create())) {
            LocalSubscription.pushTo(vod, id, key, receiver.baseUrl() + "/callback");
            PrintWriter out = spec.commandLine().getOut();
            out.println("Local VOD:  " + vod.baseUrl() + "   (SecretId " + id + ", SecretKey " + key + ": the public example key)");
            out.println("Console:    " + receiver.adminUrl() + "/   (open it in a browser: events, media, outputs, replay)");
            out.println("Receiver:   callbacks " + receiver.baseUrl() + "/callback, operator API " + receiver.adminUrl()
                    + "/api   (database " + data.resolve("vodhook.db") + ")");
            out.println();
            out.println("Try:");
            out.println("  ./vodhook upload my-video.mp4 --vod-endpoint " + vod.baseUrl() + " --secret-id " + id + " --secret-key " + key);
            out.println("  curl " + receiver.adminUrl() + "/api/media/<FileId>");
            out.println("  ./vodhook events --url " + receiver.adminUrl());
            out.println("  curl " + vod.baseUrl() + "/_emulator/deliveries");
            out.flush();
            Shutdown.awaitSignal();
        }
        return 0;
    }
}
