package dev.vodhook.emulator.internal.processing;

import dev.vodhook.emulator.internal.api.LocalVodApiError;
import dev.vodhook.emulator.internal.state.StateChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashMap;

/**
 * The task flow templates of each application: the built-in presets of {@link PresetProcedures}, shared by all, then
 * the application's own, in the order they were created. ApplyUpload's {@code Procedure} (and the other actions that
 * name one) look them up here.
 */
public final class ProcedureTemplateRepository {

    /** At most this many custom templates per application, like the cloud. */
    static final int MAX_CUSTOM = 50;
    /** When the presets say they were made. */
    private static final Instant PRESET_TIME = Instant.parse("2018-07-17T00:00:00Z");

    private final Map<Long, Map<String, ProcedureTemplate>> custom = new HashMap<>();
    private final StateChanges changes;

    public ProcedureTemplateRepository(StateChanges changes) {
        this.changes = changes;
    }

    /** The template named {@code name} that {@code subAppId} can use. */
    public Optional<Procedure> find(long subAppId, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return custom(subAppId, name).map(ProcedureTemplate::procedure).or(() -> PresetProcedures.find(name));
    }

    /** Presets first, then the application's own, oldest first. */
    public List<ProcedureTemplate> all(long subAppId) {
        List<ProcedureTemplate> all = new ArrayList<>();
        PresetProcedures.all().forEach(p -> all.add(new ProcedureTemplate(p, ProcedureTemplate.PRESET, "", PRESET_TIME,
                PRESET_TIME)));
        synchronized (this) {
            all.addAll(custom.getOrDefault(subAppId, Map.of()).values());
        }
        return List.copyOf(all);
    }

    /** Adds a custom template; fails when the name is taken or the application has {@link #MAX_CUSTOM} already. */
    public synchronized void add(long subAppId, ProcedureTemplate template) {
        Map<String, ProcedureTemplate> mine = custom.computeIfAbsent(subAppId, id -> new LinkedHashMap<>());
        if (mine.containsKey(template.name()) || PresetProcedures.find(template.name()).isPresent()) {
            throw new LocalVodApiError(LocalVodApiError.INVALID_PARAMETER + ".ExistedProcedureName",
                    "A task flow template named " + template.name() + " exists already.");
        }
        if (mine.size() >= MAX_CUSTOM) {
            throw new LocalVodApiError(LocalVodApiError.LIMIT_EXCEEDED,
                    "An application has at most " + MAX_CUSTOM + " task flow templates.");
        }
        mine.put(template.name(), template);
        changes.changed();
    }

    public synchronized void clear() {
        custom.clear();
        changes.changed();
    }

    /** Each application's own templates, oldest first. */
    public synchronized Map<Long, List<ProcedureTemplate>> customTemplates() {
        Map<Long, List<ProcedureTemplate>> copy = new HashMap<>();
        custom.forEach((app, templates) -> copy.put(app, List.copyOf(templates.values())));
        return copy;
    }

    /** Replaces every application's own templates with saved ones. */
    public synchronized void restore(Map<Long, List<ProcedureTemplate>> saved) {
        custom.clear();
        saved.forEach((app, templates) -> templates.forEach(t ->
                custom.computeIfAbsent(app, id -> new LinkedHashMap<>()).put(t.name(), t)));
    }

    private synchronized Optional<ProcedureTemplate> custom(long subAppId, String name) {
        return Optional.ofNullable(custom.getOrDefault(subAppId, Map.of()).get(name));
    }
}
