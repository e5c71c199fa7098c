package dev.vodhook.cli.config;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --insecure-config}: a picocli mixin for the commands that read a config file. */
public final class ConfigFileOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file with the keys vodhook config"
            + " lists, read before the environment and the flags; holding a secret, it must be its owner's alone"
            + " (chmod 600)")
    Path file;

    @Option(names = "--insecure-config", description = "read the config file even if its group or others may read it")
    boolean insecure;

    /** The file's settings (none without {@code --config}), then the environment's, then these flags. */
    public Settings settings(Map<String, String> env, Map<String, String> flags) {
        Settings s = file == null ? Settings.empty() : Settings.empty().withFile(file, insecure);
        return s.withEnv(env).withFlags(flags);
    }
}
