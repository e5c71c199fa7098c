package dev.vodhook.events;

/** The two notification formats VOD has used: the current 3.0 format and the historical 2.0 one. */
public enum EventFormat {
    /** {@code {"EventType": "...", "<Payload>Event": {...}}}, PascalCase keys. */
    V3,
    /** {@code {"version": "4.0", "eventType": "...", "data": {...}}}, camelCase keys, kbps bitrates. */
    V2
}
