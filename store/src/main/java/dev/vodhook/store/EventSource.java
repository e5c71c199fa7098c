package dev.vodhook.store;

/** How an event reached us: VOD posted it (normal callback) or we pulled it (reliable callback). */
public enum EventSource {
    PUSH,
    PULL
}
