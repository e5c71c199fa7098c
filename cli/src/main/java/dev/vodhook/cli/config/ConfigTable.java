package dev.vodhook.cli.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration table of docs/operating.md, made from {@link ConfigKeys}: {@code vodhook config --markdown}
 * prints it, {@code vodhook config --update-doc docs/operating.md} writes it between the markers, and a test fails
 * while the file holds another.
 */
public final class ConfigTable {
    public static final String BEGIN = "<!-- config-table: made by ./vodhook config --update-doc docs/operating.md -->";
    public static final String END = "<!-- /config-table -->";

    private ConfigTable() {
    }

    /** One row per key, in the order of {@link ConfigKeys#ALL}. */
    public static String markdown() {
        List<String> rows = new ArrayList<>();
        rows.add("| key | env | flag | default | meaning |");
        rows.add("|---|---|---|---|---|");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            List<String> env = key.env().stream().map(e -> "`" + e + "`").toList();
            String flag = key.flag().map(f -> "`" + f + "`").orElse("(file or env only)");
            rows.add("| `" + key.name() + "` | " + String.join(", ", env) + " | " + flag + " | "
                    + key.defaultText() + " | " + key.help().replace("|", "\\|") + " |");
        }
        return String.join("\n", rows) + "\n";
    }

    /** {@code doc} with the text between {@link #BEGIN} and {@link #END} replaced by {@link #markdown()}. */
    public static String updated(String doc) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new ConfigException("no configuration table to update: the file has no " + BEGIN + " ... " + END);
        }
        return doc.substring(0, begin + BEGIN.length()) + "\n\n" + markdown() + "\n" + doc.substring(end);
    }
}
