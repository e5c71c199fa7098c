package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigException;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vodhook} command. */
@Command(name = "vodhook",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Receive and act on Tencent Cloud VOD event notifications, reliably; with a local VOD.",
        footer = {"", "Start with:  ./vodhook demo     (the whole flow on this machine, about a minute)",
                "Tests:       ./vodhook test"})
public final class Main implements Runnable {
    /** Wide enough that URLs and flag names in the help are not broken across lines. */
    static final int HELP_WIDTH = 100;

    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, UpCommand.class, ServeCommand.class,
            EmulatorCommand.class, UploadCommand.class, SetupCommand.class, ConfigCommand.class, EventsCommand.class,
            ReplayCommand.class, DeliveriesCommand.class, NotifyCommand.class, CommandLine.HelpCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine(args).execute(args);
        Shutdown.commandFinished();
        System.exit(code);
    }

    /** The configured command line with every subcommand, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line that runs {@code args}: with only the subcommand the first of them names, when it names one
     * other than {@code help}, else with all of them. picocli reads every option of every subcommand it is given
     * when it is made (about 0.1 s of a start on one core); a subcommand's own help and errors need only its own.
     */
    static CommandLine commandLine(String... args) {
        return commandLine(SUBCOMMANDS.stream()
                .filter(c -> args.length > 0 && c != CommandLine.HelpCommand.class && name(c).equals(args[0]))
                .findFirst().<List<Class<?>>>map(List::of).orElse(SUBCOMMANDS));
    }

    private static CommandLine commandLine(List<Class<?>> subcommands) {
        CommandLine root = new CommandLine(new Main());
        subcommands.forEach(root::addSubcommand);
        return root.setUsageHelpWidth(HELP_WIDTH)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof ConfigException || e instanceof UserFacingException) {
                        cmd.getErr().println(cmd.getColorScheme().errorText("vodhook: " + e.getMessage()));
                        return 2;
                    }
                    throw e;
                });
    }

    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
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
