package dev.vodhook.emulator.internal.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event for one application: {@code content} is VOD's {@code EventContent} without {@code EventHandle}, null
 * fields omitted, i.e. exactly the body of a push.
 */
public record EmittedEvent(long subAppId, String eventType, ObjectNode content) {
}
