package dev.vodhook.cli.config;

/** The parts of vodhook that read config keys: a command offers the flags of the groups it reads, and no others. */
public enum ConfigGroup {
    VOD("VOD API access"),
    LISTENERS("Listeners and who may use them"),
    PROCESSING("What an upload starts"),
    INTAKE("Intake and storage"),
    NOTIFICATIONS("Notifications to the application");

    private final String heading;

    ConfigGroup(String heading) {
        this.heading = heading;
    }

    /** The heading of its flags in {@code --help}. */
    public String heading() {
        return heading;
    }
}
