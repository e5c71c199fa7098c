package dev.vodhook.emulator;

/** An event as one PullEvents call hands it out: with the handle ConfirmEvents needs. */
record PulledEvent(String eventHandle, VodEvent event) {
}
