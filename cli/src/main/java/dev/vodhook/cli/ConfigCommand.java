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
import java.util.ArrayList;
import java.util.List;
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
                List<String> offering = offering(group);
                out.println(group.heading() + (offering.isEmpty() ? " (config file or env only)"
                        : " (flags in " + String.join(", ", offering) + ")") + ":");
                for (ConfigKey<?> key : ConfigKeys.in(group)) {
                    out.println("  " + key.name() + key.flag().map(f -> "  " + f).orElse(""));
                    wrapped(key.flagHelp(), Main.HELP_WIDTH - 6).forEach(line -> out.println("      " + line));
                }
            }
        }
        out.flush();
        return 0;
    }

    /** The commands of this {@code vodhook} that offer the group's flags (options made from its keys). */
    private List<String> offering(ConfigGroup group) {
        List<String> names = new ArrayList<>();
        spec.root().subcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().options().stream()
                    .anyMatch(o -> o.userObject() instanceof ConfigKey<?> key && key.group() == group)) {
                names.add(name);
            }
        });
        return names;
    }

    private static List<String> wrapped(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
