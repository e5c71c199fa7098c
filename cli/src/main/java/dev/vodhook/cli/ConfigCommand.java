package dev.vodhook.cli;

import dev.vodhook.cli.config.ConfigException;
import dev.vodhook.cli.config.ConfigGroup;
import dev.vodhook.cli.config.ConfigKey;
import dev.vodhook.cli.config.ConfigKeys;
import dev.vodhook.cli.config.ConfigTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vodhook config}: every config key, its flag, environment variables, default and meaning. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Lists every config key with its flag, environment variables, default and meaning.",
                "--markdown prints the table of docs/operating.md; --update-doc FILE writes it into FILE."})
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--markdown", description = "print the table of docs/operating.md")
    boolean markdown;

    @Option(names = "--update-doc", paramLabel = "FILE", description = "replace the configuration table in FILE"
            + " (between its config-table markers), e.g. docs/operating.md")
    Path doc;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (doc != null) {
            String before;
            try {
                before = Files.readString(doc, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("cannot read " + doc + ": " + e.getMessage());
            }
            String after = ConfigTable.updated(before);
            if (after.equals(before)) {
                out.println(doc + ": the configuration table is up to date");
            } else {
                Files.writeString(doc, after, StandardCharsets.UTF_8);
                out.println(doc + ": configuration table written (" + ConfigKeys.ALL.size() + " keys)");
            }
        } else if (markdown) {
            out.print(ConfigTable.markdown());
        } else {
            for (ConfigGroup group : ConfigGroup.values()) {
                out.println(group.heading() + ":");
                for (ConfigKey<?> key : ConfigKeys.in(group)) {
                    out.println("  " + key.name() + "  " + key.flag().orElse("(file or env only)"));
                    out.println("      " + key.flagHelp());
                }
            }
        }
        out.flush();
        return 0;
    }
}
