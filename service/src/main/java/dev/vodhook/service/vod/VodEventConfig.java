package dev.vodhook.service.vod;

/**
 * An application's event notification settings as DescribeEventConfig reports them (vod-protocol.md §3.1).
 *
 * @param mode            {@code PUSH} (normal callback) or {@code PULL} (reliable callback)
 * @param notificationUrl where PUSH posts events; empty when none
 * @param uploadSwitch    {@code ON}/{@code OFF}: whether NewFileUpload events are produced
 * @param deleteSwitch    {@code ON}/{@code OFF}: whether FileDeleted events are produced
 */
public record VodEventConfig(String mode, String notificationUrl, String uploadSwitch, String deleteSwitch) {
    public static final String PUSH = "PUSH";
    public static final String PULL = "PULL";
    public static final String ON = "ON";

    /** The settings vodhook wants: the mode, the URL (kept as is for PULL), upload and delete events on. */
    public static VodEventConfig wanted(String mode, String notificationUrl) {
        return new VodEventConfig(mode, notificationUrl, ON, ON);
    }
}
