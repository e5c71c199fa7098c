package dev.vodhook.events;

/**
 * One file a processing sub-task produced. Numbers VOD did not report are 0; bitrates are bits per second
 * (legacy 2.0 kbps values are converted).
 *
 * @param kind       the sub-task type that produced it: {@code Transcode}, {@code CoverBySnapshot}, ...
 * @param definition the template id, 0 when the sub-task has none
 */
public record MediaOutput(String kind, int definition, String url, long size, int width, int height, long bitrate,
                          double duration, String container) {
}
