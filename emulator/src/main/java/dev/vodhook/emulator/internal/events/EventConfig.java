package dev.vodhook.emulator.internal.events;

import java.util.Optional;

/**
 * One application's event settings (ModifyEventConfig / DescribeEventConfig).
 *
 * @param mode    {@code PUSH} or {@code PULL}
 * @param signKey when present, pushes carry {@code Sign} and {@code T}
 */
public record EventConfig(String mode, String notificationUrl, String uploadMediaCompleteEventSwitch,
                   String deleteMediaCompleteEventSwitch, Optional<String> signKey) {

    public static final String PUSH = "PUSH";
    public static final String PULL = "PULL";
    public static final String ON = "ON";
    public static final String OFF = "OFF";

    /**
     * The local VOD's defaults: PUSH to {@code notificationUrl}, with the upload event ON so the demo flow works
     * without a ModifyEventConfig call (the cloud's default is OFF); delete events OFF like the cloud.
     */
    static EventConfig defaults(String notificationUrl) {
        return new EventConfig(PUSH, notificationUrl, ON, OFF, Optional.empty());
    }

    /** Whether events of this type are produced at all (only upload and delete events have switches). */
    boolean wants(String eventType) {
        return switch (eventType) {
            case "NewFileUpload" -> ON.equals(uploadMediaCompleteEventSwitch);
            case "FileDeleted" -> ON.equals(deleteMediaCompleteEventSwitch);
            default -> true;
        };
    }

    public EventConfig with(String newMode, String newUrl, String uploadSwitch, String deleteSwitch,
            Optional<String> newSignKey) {
        return new EventConfig(newMode == null ? mode : newMode, newUrl == null ? notificationUrl : newUrl,
                uploadSwitch == null ? uploadMediaCompleteEventSwitch : uploadSwitch,
                deleteSwitch == null ? deleteMediaCompleteEventSwitch : deleteSwitch,
                newSignKey == null ? signKey : newSignKey);
    }

    @Override
    public String toString() {
        return "EventConfig[mode=" + mode + ", notificationUrl=" + notificationUrl + ", upload="
                + uploadMediaCompleteEventSwitch + ", delete=" + deleteMediaCompleteEventSwitch + ", signKey="
                + (signKey.isPresent() ? "***" : "(none)") + "]";
    }
}
