package dev.vodhook.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * The flags of one {@link ConfigGroup}, made from its {@link ConfigKey}s: a picocli mixin, e.g.
 * {@code @Mixin GroupOptions vod = new GroupOptions(ConfigGroup.VOD);}. Each flag's value is kept as given, under
 * its key, for {@link Settings#withFlags}; a flag not given is absent. Each option's user object is its key.
 */
@Command
public final class GroupOptions {
    private final ConfigGroup group;
    private final Map<String, String> given = new LinkedHashMap<>();

    public GroupOptions(ConfigGroup group) {
        this.group = group;
    }

    /**
     * Picocli calls this with the mixin's own spec while building it, before it copies the mixin's options into the
     * command's: here the flags are added, under the group's heading. Picocli leaves resetting the options of a group
     * to the group, so the flags given are forgotten here, once per command line built: parse once per
     * {@code CommandLine}, as {@code Main.commandLine()} does.
     */
    @Spec
    void addFlags(CommandSpec self) {
        given.clear();
        ArgGroupSpec.Builder section = ArgGroupSpec.builder().heading(group.heading() + ":%n").exclusive(false)
                .validate(false).multiplicity("0..1");
        for (ConfigKey<?> key : ConfigKeys.in(group)) {
            key.flag().ifPresent(flag -> section.addArg(option(key, flag)));
        }
        if (!section.args().isEmpty()) {
            self.addArgGroup(section.build());
        }
    }

    private OptionSpec option(ConfigKey<?> key, String flag) {
        ISetter setter = new ISetter() {
            @Override
            public <T> T set(T value) {
                if (value == null) {
                    given.remove(key.name());
                } else {
                    given.put(key.name(), value.toString());
                }
                return null;
            }
        };
        OptionSpec.Builder option = OptionSpec.builder(flag).paramLabel(key.label()).type(String.class)
                .description(key.flagHelp()).setter(setter).hasInitialValue(true).initialValue(null).userObject(key);
        if (key.parser() == Parsers.BOOL) {
            option.arity("0..1").fallbackValue("true");
        }
        return option.build();
    }

    /** The flags given, by key. */
    public Map<String, String> flags() {
        return Collections.unmodifiableMap(given);
    }
}
