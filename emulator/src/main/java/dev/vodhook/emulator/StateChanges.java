package dev.vodhook.emulator;

/**
 * Told whenever state worth keeping changed (media, tasks, queues, settings, ...), so a {@link StateSaver} writes it
 * out soon. The repositories call it after each change; it must be cheap and must not block.
 */
@FunctionalInterface
interface StateChanges {

    /** For state that is not saved. */
    StateChanges NONE = () -> { };

    void changed();
}
