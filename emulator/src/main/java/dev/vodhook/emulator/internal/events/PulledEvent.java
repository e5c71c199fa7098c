package dev.vodhook.emulator.internal.events;

/** An event as one PullEvents call hands it out: with the handle ConfirmEvents needs. */
public record PulledEvent(String eventHandle, EmittedEvent event) {
}
