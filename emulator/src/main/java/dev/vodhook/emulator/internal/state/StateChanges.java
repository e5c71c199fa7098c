package dev.vodhook.emulator.internal.state;

/**
 * Told whenever state worth keeping changed (media, tasks, queues, settings, ...), so a {@link StateSaver} writes it
 * out soon. The repositories call it after each change; it must be cheap and must not block.
 */
@FunctionalInterface
public interface StateChanges {

    /** For state that is not saved. */
    StateChanges NONE = () -> { };

    void changed();
}
