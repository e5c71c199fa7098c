package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vodhook} command. */
@Command(name = "vodhook",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Receive and act on Tencent Cloud VOD event notifications, reliably; with a local VOD.",
        subcommands = {DemoCommand.class, UpCommand.class, ServeCommand.class, EmulatorCommand.class,
                UploadCommand.class, SetupCommand.class, ConfigCommand.class, EventsCommand.class, ReplayCommand.class,
                DeliveriesCommand.class, NotifyCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Start with:  ./vodhook demo     (the whole flow on this machine, about a minute)",
                "Tests:       ./vodhook test"})
public final class Main implements Runnable {
    /** Wide enough that URLs and flag names in the help are not broken across lines. */
    static final int HELP_WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        Shutdown.commandFinished();
        System.exit(code);
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setUsageHelpWidth(HELP_WIDTH)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException || e instanceof UserFacingException) {
                        cmd.getErr().println(cmd.getColorScheme().errorText("vodhook: " + e.getMessage()));
                        return 2;
                    }
                    throw e;
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"vodhook " + (v == null ? "(development build)" : v)};
        }
    }
}
