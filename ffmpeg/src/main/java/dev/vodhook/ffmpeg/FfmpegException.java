package dev.vodhook.ffmpeg;

/** ffmpeg could not be found, started, or did not do what was asked. */
public class FfmpegException extends RuntimeException {
    public FfmpegException(String message) {
        super(message);
    }

    public FfmpegException(String message, Throwable cause) {
        super(message, cause);
    }
}
