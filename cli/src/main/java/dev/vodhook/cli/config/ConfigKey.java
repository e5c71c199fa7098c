package dev.vodhook.cli.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One config key, declared once ({@link ConfigKeys}): the config file's key, the environment variables and the flag
 * that set it, its default, what it means and how its text becomes a value. The flags, the config-file check, the
 * environment, the startup print and the table in docs/operating.md all come from these.
 *
 * @param name         lower-case-dashed, as in a config file
 * @param env          the environment variables that set it, the weaker first
 * @param flag         the command-line flag, when it has one (some are for the file and the environment only)
 * @param label        the flag's parameter label, e.g. {@code DURATION}
 * @param defaultValue the value used when none is given, written as a user would; empty when there is none
 * @param note         what it means to leave it unset when there is no default (e.g. {@code (required)}), else a
 *                     remark after the default; may be empty
 * @param help         what it means; {@code `code`} in back-ticks, kept in the docs and dropped in {@code --help}
 * @param group        which part of vodhook reads it, and so which commands offer its flag
 * @param shown        how the startup print shows it
 * @param parser       turns its text into a value, or throws {@link IllegalArgumentException} saying why
 */
public record ConfigKey<T>(String name, List<String> env, Optional<String> flag, String label,
                           Optional<String> defaultValue, String note, String help, ConfigGroup group, Shown shown,
                           Parser<T> parser) {

    /** How a value appears in the startup print. */
    public enum Shown {
        PLAIN,
        /** as {@code ****}: never printed, and a file holding it must be its owner's alone */
        SECRET,
        /** a list of endpoints with secrets: only their URLs */
        URLS_ONLY
    }

    /** Turns a value's text into a value. */
    @FunctionalInterface
    public interface Parser<T> {
        /** @throws IllegalArgumentException naming {@code key} and saying what it wants */
        T parse(String key, String raw);
    }

    public ConfigKey {
        if (!name.matches("[a-z][a-z-]*")) {
            throw new IllegalArgumentException("config keys are lower-case-dashed: " + name);
        }
        env = List.copyOf(env);
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(parser, "parser");
    }

    /** A key with env {@code VODHOOK_<KEY>}, flag {@code --<key>}, no default and nothing printed as unset. */
    static <T> ConfigKey<T> of(ConfigGroup group, String name, String label, Parser<T> parser) {
        return new ConfigKey<>(name, List.of("VODHOOK_" + name.toUpperCase(Locale.ROOT).replace('-', '_')),
                Optional.of("--" + name), label, Optional.empty(), "none", "", group, Shown.PLAIN, parser);
    }

    ConfigKey<T> help(String text) {
        return new ConfigKey<>(name, env, flag, label, defaultValue, note, text, group, shown, parser);
    }

    ConfigKey<T> byDefault(String value) {
        return new ConfigKey<>(name, env, flag, label, Optional.of(value), "", help, group, shown, parser);
    }

    ConfigKey<T> note(String text) {
        return new ConfigKey<>(name, env, flag, label, defaultValue, text, help, group, shown, parser);
    }

    /** Also read from {@code name} in the environment, before {@code VODHOOK_<KEY>}. */
    ConfigKey<T> alsoEnv(String other) {
        List<String> names = new java.util.ArrayList<>(List.of(other));
        names.addAll(env);
        return new ConfigKey<>(name, names, flag, label, defaultValue, note, help, group, shown, parser);
    }

    ConfigKey<T> flag(String other) {
        return new ConfigKey<>(name, env, Optional.of(other), label, defaultValue, note, help, group, shown, parser);
    }

    /** Set in the config file or the environment only: kept off the command line and out of the process list. */
    ConfigKey<T> noFlag() {
        return new ConfigKey<>(name, env, Optional.empty(), label, defaultValue, note, help, group, shown, parser);
    }

    ConfigKey<T> shown(Shown how) {
        return new ConfigKey<>(name, env, flag, label, defaultValue, note, help, group, how, parser);
    }

    public boolean secret() {
        return shown != Shown.PLAIN;
    }

    /** What {@link #help} says, as plain text for a terminal. */
    public String plainHelp() {
        return help.replace("`", "");
    }

    /** The default as the docs show it: {@code `8080`}, {@code (required)}, {@code `transcode` (...)}. */
    public String defaultText() {
        String value = defaultValue.map(v -> "`" + v + "`").orElse("");
        return (value + (value.isEmpty() || note.isEmpty() ? "" : " ") + note).strip();
    }

    /** The flag's description: what it means, then its default and environment variables. */
    public String flagHelp() {
        List<String> more = new java.util.ArrayList<>();
        if (defaultValue.isPresent()) {
            more.add("default " + defaultText().replace("`", ""));
        } else if (!note.equals("none")) {
            more.add(note.replaceAll("^\\((.*)\\)$", "$1").replace("`", ""));
        }
        more.add("env " + String.join(" or ", env));
        if (secret()) {
            more.add("prefer the env or a 0600 config file to this flag");
        }
        return plainHelp() + " (" + String.join("; ", more) + ")";
    }

    @Override
    public String toString() {
        return name;
    }
}
